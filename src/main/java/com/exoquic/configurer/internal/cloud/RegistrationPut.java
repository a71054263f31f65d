package com.exoquic.configurer.internal.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One PUT of the registration body, through {@link HttpURLConnection}: java.net.http's client costs a few hundred
 * milliseconds of class loading and TLS set-up (even for http://) in a process that sends one request; this costs
 * a few. Its blocking I/O ignores interrupts, so the exchange runs on a daemon thread while the caller waits
 * interruptibly; an interrupt or the request timeout closes the connection.
 */
final class RegistrationPut {
    /** The cloud's answer: its status, its body (an error's too) and its Retry-After header (null when none). */
    record Answer(int status, String body, String retryAfter) {
    }

    private final URI uri;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    /** @param requestTimeout how long to wait for the answer, from the start, connecting included */
    RegistrationPut(URI uri, Duration connectTimeout, Duration requestTimeout) {
        this.uri = uri;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @throws SocketTimeoutException when no answer came within a timeout
     * @throws IOException            when the connection failed
     * @throws InterruptedException   when the calling thread was interrupted (the connection is closed)
     */
    Answer send(byte[] body, String apiKey) throws IOException, InterruptedException {
        // No proxy: the secrets go to the validated endpoint only (java.net.http's default, kept).
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        FutureTask<Answer> exchange = new FutureTask<>(() -> exchange(connection, body, apiKey));
        Thread thread = new Thread(exchange, "exoquic-cloud-registration");
        thread.setDaemon(true);
        thread.start();
        try {
            return exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("request timed out");
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            connection.disconnect(); // ends a blocked exchange; keeps no idle connection (no keep-alive thread)
        }
    }

    private Answer exchange(HttpURLConnection connection, byte[] body, String apiKey) throws IOException {
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(requestTimeout));
        // A redirect could carry the secrets somewhere unvalidated; a 3xx is reported instead.
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod("PUT");
        connection.setDoOutput(true);
        // Streamed with its length, so the JDK never re-sends the request on its own: the retries are ours.
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("x-api-key", apiKey);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        String text;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Answer(status, text, connection.getHeaderField("Retry-After"));
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause.getClass().getSimpleName());
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
