/**
 * Trying again: the one {@link com.exoquic.configurer.internal.retry.Backoff} rule, and the
 * {@link com.exoquic.configurer.internal.retry.Sleeper} that waits and turns an interrupt into the end of the run.
 */
package com.exoquic.configurer.internal.retry;
