package com.exoquic.configurer.api;

/** One statement the run sends, and the step it belongs to. Secrets in {@code sql} are already masked. */
public record PlannedStatement(String step, String sql) {
}
