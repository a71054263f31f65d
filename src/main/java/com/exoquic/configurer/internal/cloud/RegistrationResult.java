package com.exoquic.configurer.internal.cloud;

/**
 * A successful registration.
 *
 * @param status   the HTTP status the cloud answered (200 or 201)
 * @param attempts how many attempts it took, including the successful one
 */
public record RegistrationResult(int status, int attempts) {
}
