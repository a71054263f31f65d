package com.exoquic.configurer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Extra postgresql.conf lines for the server a test gets, e.g. {@code "log_statement = 'all'"}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ServerConfig {
    String[] value();
}
