package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.api.TargetResult;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status --format openmetrics}: the figures of {@code exoquic.status} as OpenMetrics text, written by the
 * Prometheus Java client. Gauges only, so the node exporter's textfile collector (which reads the Prometheus text
 * format) takes the same file. A figure the server does not report (no slot yet) is left out, not written as 0.
 */
final class StatusMetrics {
    /** Every slot WAL status PostgreSQL reports: one sample each, 1 for the current one, so alerts can match on it. */
    private static final List<String> WAL_STATUSES = List.of("reserved", "extended", "unreserved", "lost");

    private StatusMetrics() {
    }

    static String openMetrics(StatusReport status) {
        Gauges gauges = new Gauges();
        gauges.add(status, Labels.EMPTY);
        return gauges.write();
    }

    /**
     * {@code fleet status}: the same gauges, one sample per target, each also labelled with its {@code server}; and
     * {@code exoquic_fleet_status_read} per target, 1 when its status was read, 0 when reading it failed.
     */
    static String openMetrics(FleetReport report) {
        Gauges gauges = new Gauges();
        for (TargetResult target : report.targets()) {
            StatusReport status = target.status();
            String database = status != null ? status.database() : databaseOf(target.target());
            Labels labels = Labels.of("database", database, "server", target.server());
            gauges.point("exoquic_fleet_status_read", "1 when the target's status was read, 0 when that failed", null,
                    labels.add("target", target.name()), status != null ? 1 : 0);
            if (status != null) {
                gauges.add(status, Labels.of("server", target.server()));
            }
        }
        return gauges.write();
    }

    /** Gauges by name, in the order first seen, each with its samples. */
    private static final class Gauges {
        private final Map<String, GaugeSnapshot.Builder> byName = new LinkedHashMap<>();

        void add(StatusReport status, Labels extra) {
            Labels database = Labels.of("database", status.database()).merge(extra);
            Labels slot = database.add("slot", status.slotName());
            Labels publication = database.add("publication", status.publication());
            point("exoquic_healthy", "1 when status finds no problem, 0 otherwise", null, database,
                    status.healthy() ? 1 : 0);
            point("exoquic_slot_exists", "1 when the replication slot exists", null, slot, status.slotExists() ? 1 : 0);
            point("exoquic_slot_active", "1 when a consumer is streaming from the slot", null, slot,
                    status.slotActive() ? 1 : 0);
            if (status.lagBytes() != null) {
                point("exoquic_slot_lag_bytes", "WAL the consumer has not confirmed yet", Unit.BYTES, slot,
                        status.lagBytes());
            }
            if (status.retainedWalBytes() != null) {
                point("exoquic_slot_retained_wal_bytes", "WAL the server keeps for the slot", Unit.BYTES, slot,
                        status.retainedWalBytes());
            }
            if (status.walStatus() != null) {
                for (String each : WAL_STATUSES) {
                    point("exoquic_slot_wal_status", "The slot's wal_status: 1 for the current one", null,
                            slot.add("wal_status", each), each.equals(status.walStatus()) ? 1 : 0);
                }
            }
            if (status.safeWalSize() != null) {
                point("exoquic_slot_safe_wal_size_bytes", "WAL that may still be written before the slot is"
                        + " invalidated by max_slot_wal_keep_size", Unit.BYTES, slot, status.safeWalSize());
            }
            if (status.inactiveSeconds() != null) {
                point("exoquic_slot_inactive_seconds", "Time since a consumer last used the slot", Unit.SECONDS, slot,
                        status.inactiveSeconds());
            }
            if (status.invalidationReason() != null) {
                point("exoquic_slot_invalidation_reason", "1 when PostgreSQL invalidated the slot, labelled with its"
                        + " reason", null, slot.add("reason", status.invalidationReason()), 1);
            }
            point("exoquic_publication_tables", "Tables the publication captures", null, publication,
                    status.publicationTables());
            point("exoquic_publication_tables_without_replica_identity",
                    "Captured tables whose updates and deletes cannot be replicated", null, publication,
                    status.tablesWithoutReplicaIdentity());
        }

        void point(String name, String help, Unit unit, Labels labels, double value) {
            byName.computeIfAbsent(name, key -> {
                GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
                if (unit != null) {
                    builder.unit(unit);
                }
                return builder;
            }).dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        String write() {
            List<MetricSnapshot> metrics = new ArrayList<>();
            byName.values().forEach(builder -> metrics.add(builder.build()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                OpenMetricsTextFormatWriter.create().write(out, new MetricSnapshots(metrics));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The database of a target's URL without secrets (postgres://user@host:port/db?...), for a target not read. */
    private static String databaseOf(String url) {
        String path = url.substring(url.indexOf('/', "postgres://".length()) + 1);
        int query = path.indexOf('?');
        return java.net.URLDecoder.decode(query < 0 ? path : path.substring(0, query), StandardCharsets.UTF_8);
    }
}
