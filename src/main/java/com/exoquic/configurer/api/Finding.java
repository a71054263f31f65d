package com.exoquic.configurer.api;

/**
 * One thing preflight found that migrate could not finish: a stable {@code code} to act on (e.g.
 * {@code identity-nothing}), the {@code object} concerned (as SQL text, or null), a {@code message} for a person,
 * and {@code fixSql}, the SQL a superuser would run to fix it, where there is one (else null).
 */
public record Finding(String code, String object, String message, String fixSql) {
}
