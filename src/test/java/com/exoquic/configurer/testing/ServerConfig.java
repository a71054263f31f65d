package com.exoquic.configurer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Extra postgresql.conf lines for the server a test gets, e.g. {@code "log_statement = 'all'"}: the class's lines,
 * then the method's; a later line wins.
 *
 * <p>Servers start with {@value #WAL_LEVEL_LOGICAL}, so migrate finishes in one run. A test of the restart flow
 * (migrate exits 3, "RESTART NEEDED", the settings step, waiting for the restart) asks for a server the tool still
 * has to configure: {@code @ServerConfig(WAL_LEVEL_REPLICA)}, or
 * {@code PostgresServers.start(major, List.of(WAL_LEVEL_REPLICA))}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ServerConfig {
    /** Every server's default. */
    String WAL_LEVEL_LOGICAL = "wal_level = logical";
    /**
     * PostgreSQL's own default: the server migrate has to configure and then ask to restart. The server gets no
     * wal_level line at all, as a fresh one.
     */
    String WAL_LEVEL_REPLICA = "wal_level = replica";

    String[] value();
}
