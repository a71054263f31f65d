package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.cloud.RetryPolicy;

import java.time.Duration;
import java.util.function.Consumer;

/** Options of a run that are not database settings. {@code progress} hears waits and retries as they happen. */
public record RunOptions(Duration waitForRestart, boolean allowInsecureCloudUrl, RetryPolicy retryPolicy,
                         Consumer<String> progress) {
    public static RunOptions defaults() {
        return new RunOptions(null, false, RetryPolicy.defaults(), message -> { });
    }

    public RunOptions withWaitForRestart(Duration wait) {
        return new RunOptions(wait, allowInsecureCloudUrl, retryPolicy, progress);
    }

    public RunOptions withProgress(Consumer<String> listener) {
        return new RunOptions(waitForRestart, allowInsecureCloudUrl, retryPolicy, listener);
    }

    public RunOptions withAllowInsecureCloudUrl(boolean allow) {
        return new RunOptions(waitForRestart, allow, retryPolicy, progress);
    }
}
