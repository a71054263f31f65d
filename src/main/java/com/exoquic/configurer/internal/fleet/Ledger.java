package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.TargetResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON line per finished target, appended as each finishes with one write to the file (no buffer in this
 * process), so a run killed at any moment loses nothing it finished. A line holds the target without secrets, its
 * server, the operation, outcome, error code and exit status, message, findings, attempts and timings.
 * {@link #outcomes} reads a ledger back for {@code --resume} and {@code --retry-failed}: the last line of a target wins;
 * a line cut short by a kill is skipped.
 */
public final class Ledger implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileChannel channel;
    private final String operation;

    private Ledger(FileChannel channel, String operation) {
        this.channel = channel;
        this.operation = operation;
    }

    public static Ledger append(Path file, FleetOperation operation) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new Ledger(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), operation.label());
        } catch (IOException e) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION, "The ledger " + file + " cannot be written ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); nothing was changed.", e);
        }
    }

    public synchronized void write(TargetResult result) {
        ObjectNode line = JSON.createObjectNode();
        line.put("operation", operation);
        line.put("name", result.name());
        line.put("target", result.target());
        line.put("server", result.server());
        line.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        line.put("code", result.code() == null ? null : result.code().name());
        line.put("exit", result.code() == null ? 0 : result.code().exitCode());
        line.put("changed", result.changed());
        line.put("message", result.message());
        ArrayNode findings = line.putArray("findings");
        result.findings().forEach(finding -> findings.addObject().put("code", finding.code())
                .put("object", finding.object()).put("message", finding.message()));
        if (!result.labels().isEmpty()) {
            ObjectNode labels = line.putObject("labels");
            result.labels().forEach(labels::put);
        }
        line.put("attempts", result.attempts());
        line.put("started", result.started().toString());
        line.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        try {
            ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the ledger failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Every line was written already.
        }
    }

    /**
     * The last outcome of each target (by name) that {@code operation} recorded in {@code file}; none when the file
     * does not exist yet (the first run of a job that always passes {@code --resume}).
     */
    public static Map<String, FleetOutcome> outcomes(Path file, FleetOperation operation) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION, "The ledger " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); nothing was changed.", e);
        }
        Map<String, FleetOutcome> outcomes = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry;
            try {
                entry = JSON.readTree(line);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    continue; // the line a kill cut short: that target did not finish
                }
                throw new ConfigurerException(ErrorCode.CONFIGURATION, "The ledger " + file + " line " + (i + 1)
                        + " is not a ledger line (JSON); nothing was changed.", e);
            }
            if (entry.path("operation").asText().equals(operation.label()) && entry.hasNonNull("name")) {
                try {
                    outcomes.put(entry.get("name").asText(), FleetOutcome.valueOf(
                            entry.path("outcome").asText().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurerException(ErrorCode.CONFIGURATION, "The ledger " + file + " line " + (i + 1)
                            + " has an unknown outcome; nothing was changed.", e);
                }
            }
        }
        return outcomes;
    }
}
