package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers a configured database with the Exoquic cloud: one idempotent PUT, retried on transient
 * failures. Every failure message is scrubbed of the API key and the replication password.
 */
public final class CloudRegistrar {
    static final int MAX_BODY_IN_MESSAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(CloudRegistrar.class);
    private static final String HINT = "the database stays configured; after fixing this, run `exoquic-configurer register`";

    private final CloudEndpoint endpoint;
    private final RetryPolicy retry;
    private final RegistrationPut put;

    /** With the configured timeouts (EXOQUIC_CLOUD_CONNECT_TIMEOUT, EXOQUIC_CLOUD_REQUEST_TIMEOUT). */
    public static CloudRegistrar of(CloudEndpoint endpoint, RetryPolicy retry, Settings settings) {
        return new CloudRegistrar(endpoint, retry, settings.cloudConnectTimeout(), settings.cloudRequestTimeout());
    }

    public CloudRegistrar(CloudEndpoint endpoint, RetryPolicy retry, Duration connectTimeout, Duration requestTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.put = new RegistrationPut(endpoint.registrationUri(), Objects.requireNonNull(connectTimeout, "connectTimeout"),
                Objects.requireNonNull(requestTimeout, "requestTimeout"));
    }

    /**
     * Sends the registration, retrying connection errors, timeouts, 5xx and 429.
     *
     * @throws ConfigurerException (FAILED) when the cloud refuses the request or stays unreachable
     */
    public RegistrationResult register(RegistrationRequest request) {
        SecretScrubber scrubber = new SecretScrubber(request.password(), request.apiKey());
        byte[] body = request.toJson(false).getBytes(StandardCharsets.UTF_8);
        LOG.info("Registering {} with Exoquic at {}", request.describe(), endpoint);
        String lastCause = "no attempt was made";
        Throwable lastError = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Optional<Duration> retryAfter = Optional.empty();
            try {
                LOG.debug("Registration attempt {} of {}", attempt, retry.maxAttempts());
                RegistrationPut.Answer response = put.send(body, request.apiKey().reveal());
                int status = response.status();
                if (status == 200 || status == 201) {
                    LOG.info("Exoquic accepted the registration (HTTP {}, attempt {})", status, attempt);
                    return new RegistrationResult(status, attempt);
                }
                if (!isRetryable(status)) {
                    throw refused(status, scrubber.shorten(response.body(), MAX_BODY_IN_MESSAGE));
                }
                lastCause = "HTTP " + status + describeBody(scrubber.shorten(response.body(), MAX_BODY_IN_MESSAGE));
                lastError = null;
                if (status == 429 || status == 503) {
                    retryAfter = RetryPolicy.parseRetryAfter(response.retryAfter());
                }
            } catch (SocketTimeoutException e) {
                lastCause = "no answer within the timeout (" + scrubber.scrub(e.getMessage()) + ")";
                lastError = e;
            } catch (IOException e) {
                lastCause = "connection error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + scrubber.scrub(e.getMessage()));
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigurerException(ErrorCode.CLOUD, "Registration with Exoquic was interrupted; " + HINT);
            }
            if (attempt < retry.maxAttempts()) {
                Duration wait = retry.delay(attempt, retryAfter);
                LOG.info("Registration attempt {} of {} failed ({}); retrying in {} ms",
                        attempt, retry.maxAttempts(), lastCause, wait.toMillis());
                sleep(wait);
            }
        }
        throw new ConfigurerException(ErrorCode.CLOUD, "Registration with Exoquic at " + endpoint + " failed after "
                + retry.maxAttempts() + " attempt(s); last cause: " + lastCause + "; " + HINT, lastError);
    }

    private static boolean isRetryable(int status) {
        return status == 429 || status >= 500;
    }

    private ConfigurerException refused(int status, String body) {
        String what;
        if (status == 401 || status == 403) {
            what = "the Exoquic API key was rejected (HTTP " + status + "); check EXOQUIC_API_KEY";
        } else if (status >= 400) {
            what = "Exoquic refused the registration (HTTP " + status + ")" + describeBody(body);
        } else {
            what = "Exoquic answered with unexpected HTTP " + status + " from " + endpoint + describeBody(body)
                    + "; check EXOQUIC_CLOUD_URL";
        }
        LOG.debug("Registration refused with HTTP {}", status);
        return new ConfigurerException(ErrorCode.CLOUD, what + "; " + HINT);
    }

    private static String describeBody(String shortened) {
        return shortened.isEmpty() ? "" : ": " + shortened;
    }

    private void sleep(Duration wait) {
        retry.sleeper().sleepOrStop(wait, interrupted -> new ConfigurerException(ErrorCode.CLOUD,
                "Registration with Exoquic was interrupted; " + HINT));
    }
}
