package com.exoquic.configurer.internal.plan;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Options of a run that are not database settings. {@code progress} hears waits and retries as they happen;
 * {@code stepProgress}, when not null, hears every step as it ends (see {@link Results}).
 */
public record RunOptions(Duration waitForRestart, boolean allowInsecureCloudUrl, Consumer<String> progress,
                         Consumer<String> stepProgress) {
}
