package com.exoquic.configurer.internal.cli;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.api.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/kubernetes/fleet-job.yaml, checked as far as a machine without a cluster can: it parses, the Job is an
 * Indexed Job whose shard count matches its completions, its arguments are the tool's own (parsed by the CLI), the
 * ledger sits on the persistent volume, per shard, and the exit codes its podFailurePolicy acts on are the tool's.
 */
@Tag("unit")
class KubernetesExampleTest {
    private static final Path MANIFEST = Path.of("examples/kubernetes/fleet-job.yaml");

    @Test
    void theIndexedJobRunsShardsWithALedgerOnAVolumeAndActsOnTheToolsExitCodes() throws Exception {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                byKind.put(document.get("kind").asText(), document);
            }
        }
        assertThat(byKind).containsKeys("Job", "Secret", "PersistentVolumeClaim");
        JsonNode job = byKind.get("Job").get("spec");
        assertThat(job.get("completionMode").asText()).isEqualTo("Indexed");
        assertThat(job.get("backoffLimitPerIndex").asInt()).isPositive();
        JsonNode pod = job.get("template").get("spec");
        assertThat(pod.get("restartPolicy").asText()).as("podFailurePolicy needs it").isEqualTo("Never");
        JsonNode container = pod.get("containers").get(0);
        String name = container.get("name").asText();

        Map<String, String> env = new HashMap<>();
        container.get("env").forEach(variable -> {
            if (variable.has("value")) {
                env.put(variable.get("name").asText(), variable.get("value").asText());
            }
        });
        assertThat(env.get("EXOQUIC_FLEET_SHARDS")).isEqualTo(job.get("completions").asText());

        // The arguments are the CLI's: they parse, for the shard Kubernetes fills in.
        List<String> args = new ArrayList<>();
        container.get("args").forEach(arg -> args.add(arg.asText().replace("$(JOB_COMPLETION_INDEX)", "2")));
        CommandLine.ParseResult parsed = ExoquicCommand.commandLine(Map.of()).parseArgs(args.toArray(String[]::new));
        CommandLine.ParseResult migrate = parsed.subcommand().subcommand();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("fleet");
        assertThat(migrate.commandSpec().name()).isEqualTo("migrate");
        String ledger = migrate.matchedOptionValue("--resume", Path.of("")).toString();
        assertThat(ledger).isEqualTo("/ledger/shard-2.jsonl");

        // The ledger's directory is the persistent volume's mount; the targets come from the Secret.
        String ledgerVolume = mountedAt(container, "/ledger");
        assertThat(volume(pod, ledgerVolume).get("persistentVolumeClaim").get("claimName").asText())
                .isEqualTo(byKind.get("PersistentVolumeClaim").get("metadata").get("name").asText());
        String targets = migrate.matchedOptionValue("--targets", List.<Path>of()).get(0).toString();
        assertThat(volume(pod, mountedAt(container, Path.of(targets).getParent().toString())).has("secret")).isTrue();

        // The podFailurePolicy: bad input fails the Job, a needed restart fails the index, a failure (1) is retried.
        Map<String, List<Integer>> codes = new HashMap<>();
        job.get("podFailurePolicy").get("rules").forEach(rule -> {
            if (rule.has("onExitCodes")) {
                assertThat(rule.get("onExitCodes").get("containerName").asText()).isEqualTo(name);
                assertThat(rule.get("onExitCodes").get("operator").asText()).isEqualTo("In");
                List<Integer> values = new ArrayList<>();
                rule.get("onExitCodes").get("values").forEach(value -> values.add(value.asInt()));
                codes.put(rule.get("action").asText(), values);
            }
        });
        assertThat(codes).containsOnlyKeys("FailJob", "FailIndex");
        assertThat(codes.get("FailJob")).containsExactly(ErrorCode.CONFIGURATION.exitCode());
        assertThat(codes.get("FailIndex")).containsExactly(ErrorCode.RESTART_REQUIRED.exitCode());
        assertThat(codes.values().stream().flatMap(List::stream)).doesNotContain(ErrorCode.FAILED.exitCode());
        String help = ExoquicCommand.commandLine(Map.of()).getSubcommands().get("fleet")
                .getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("  1  a target failed", "  2  bad input", "  3  no target failed, some wait for");
    }

    private static String mountedAt(JsonNode container, String path) {
        for (JsonNode mount : container.get("volumeMounts")) {
            if (mount.get("mountPath").asText().equals(path)) {
                return mount.get("name").asText();
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.get("volumes")) {
            if (volume.get("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }
}
