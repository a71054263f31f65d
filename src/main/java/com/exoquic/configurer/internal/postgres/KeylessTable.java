package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.TableName;

/**
 * A captured table without a primary key. {@code replicaIdentity} is pg_class.relreplident: d (default),
 * f (full), i (index) or n (nothing).
 */
public record KeylessTable(TableName name, String replicaIdentity, boolean hasCandidateKey) {
}
