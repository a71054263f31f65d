package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.text.Sha256;

import java.util.Map;

/**
 * This machine's share of the targets: shard {@code index} of {@code count} (0-based, as Kubernetes numbers an
 * Indexed Job's pods). A target belongs to the shard its id's SHA-256 points to, so the split depends on the
 * targets alone, not their order, and the shards of one count are disjoint and cover every target.
 */
public record Shard(int index, int count) {
    public static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";
    public static final String COUNT_VARIABLE = "EXOQUIC_FLEET_SHARDS";

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: use I/N with"
                    + " 0 <= I < N (I counts from 0, as JOB_COMPLETION_INDEX does)");
        }
    }

    public static Shard all() {
        return new Shard(0, 1);
    }

    /** {@code I/N}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,9}") || !parts[1].matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: use I/N, e.g. 0/4 (I counts from 0)");
        }
        return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** From {@code JOB_COMPLETION_INDEX} and {@code EXOQUIC_FLEET_SHARDS}; all targets when neither is set. */
    public static Shard fromEnvironment(Map<String, String> env) {
        String index = env.get(INDEX_VARIABLE);
        String count = env.get(COUNT_VARIABLE);
        if (count == null || count.isBlank()) {
            return all();
        }
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException(COUNT_VARIABLE + " is set (" + count + ") but " + INDEX_VARIABLE
                    + " is not: set both (a Kubernetes Indexed Job sets the index), or pass --shard I/N");
        }
        return parse(index.strip() + "/" + count.strip());
    }

    public boolean contains(Target target) {
        return of(target.id(), count) == index;
    }

    static int of(String id, int count) {
        byte[] digest = Sha256.of(id);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(value, count);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
