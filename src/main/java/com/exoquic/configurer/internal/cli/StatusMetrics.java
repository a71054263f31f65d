package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.StatusReport;
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
import java.util.List;

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
        Labels slot = Labels.of("database", status.database(), "slot", status.slotName());
        Labels publication = Labels.of("database", status.database(), "publication", status.publication());
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(gauge("exoquic_healthy", "1 when status finds no problem, 0 otherwise", null,
                point(Labels.of("database", status.database()), status.healthy() ? 1 : 0)));
        metrics.add(gauge("exoquic_slot_exists", "1 when the replication slot exists", null,
                point(slot, status.slotExists() ? 1 : 0)));
        metrics.add(gauge("exoquic_slot_active", "1 when a consumer is streaming from the slot", null,
                point(slot, status.slotActive() ? 1 : 0)));
        if (status.lagBytes() != null) {
            metrics.add(gauge("exoquic_slot_lag_bytes", "WAL the consumer has not confirmed yet", Unit.BYTES,
                    point(slot, status.lagBytes())));
        }
        if (status.retainedWalBytes() != null) {
            metrics.add(gauge("exoquic_slot_retained_wal_bytes", "WAL the server keeps for the slot", Unit.BYTES,
                    point(slot, status.retainedWalBytes())));
        }
        if (status.walStatus() != null) {
            List<GaugeDataPointSnapshot> points = new ArrayList<>();
            for (String each : WAL_STATUSES) {
                points.add(point(slot.add("wal_status", each), each.equals(status.walStatus()) ? 1 : 0));
            }
            metrics.add(gauge("exoquic_slot_wal_status", "The slot's wal_status: 1 for the current one", null,
                    points.toArray(GaugeDataPointSnapshot[]::new)));
        }
        if (status.safeWalSize() != null) {
            metrics.add(gauge("exoquic_slot_safe_wal_size_bytes", "WAL that may still be written before the slot is"
                    + " invalidated by max_slot_wal_keep_size", Unit.BYTES, point(slot, status.safeWalSize())));
        }
        if (status.inactiveSeconds() != null) {
            metrics.add(gauge("exoquic_slot_inactive_seconds", "Time since a consumer last used the slot",
                    Unit.SECONDS, point(slot, status.inactiveSeconds())));
        }
        if (status.invalidationReason() != null) {
            metrics.add(gauge("exoquic_slot_invalidation_reason", "1 when PostgreSQL invalidated the slot, labelled"
                    + " with its reason", null, point(slot.add("reason", status.invalidationReason()), 1)));
        }
        metrics.add(gauge("exoquic_publication_tables", "Tables the publication captures", null,
                point(publication, status.publicationTables())));
        metrics.add(gauge("exoquic_publication_tables_without_replica_identity",
                "Captured tables whose updates and deletes cannot be replicated", null,
                point(publication, status.tablesWithoutReplicaIdentity())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenMetricsTextFormatWriter.create().write(out, new MetricSnapshots(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GaugeSnapshot gauge(String name, String help, Unit unit, GaugeDataPointSnapshot... points) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            builder.unit(unit);
        }
        for (GaugeDataPointSnapshot point : points) {
            builder.dataPoint(point);
        }
        return builder.build();
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
