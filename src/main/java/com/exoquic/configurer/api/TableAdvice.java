package com.exoquic.configurer.api;

/** A captured table without a primary key, its replica identity, and what we recommend. */
public record TableAdvice(String table, String replicaIdentity, String advice) {
}
