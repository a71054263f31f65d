package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.TableName;

import java.util.List;

/** Captured tables a migrate cannot make CDC-safe: identity NOTHING, or not owned by an admin that is no superuser. */
public record CaptureRisks(List<TableName> identityNothing, List<TableName> notOwned) {
    public static CaptureRisks none() {
        return new CaptureRisks(List.of(), List.of());
    }
}
