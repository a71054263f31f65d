package com.exoquic.configurer.internal.fleet;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.ExoquicFleet;
import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Target lists, selectors and shards: read and checked before anything runs (no server is needed for any of it). */
@Tag("unit")
class FleetTargetsTest {
    private static final String SECRET = "s3cr3t-Pw";

    @TempDir
    Path dir;

    @Test
    void badTargetLinesAreNamedByLineNumberAndNothingRuns() throws Exception {
        Path file = dir.resolve("tenants.txt");
        Files.write(file, List.of(
                "# tenants",
                "postgres://admin:" + SECRET + "@db1.example.com:5432/tenant_a",
                "postgres://admin:" + SECRET + "@db1.example.com:port/tenant_b",
                "",
                "mysql://admin:" + SECRET + "@db1.example.com/tenant_c",
                "postgres://admin:" + SECRET + "@db1.example.com:5432/",
                "postgres://admin:" + SECRET + "@db1.example.com:5432/tenant_a"));

        Cli.Result result = Cli.run(Map.of("EXOQUIC_REPLICATION_PASSWORD", "x"), "fleet", "migrate", "--targets",
                file.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("nothing was changed")
                .contains(file + " line 3: the port in the URL is not a number")
                .contains(file + " line 5: expected a URL starting with postgres://")
                .contains(file + " line 6: the URL names no database")
                .contains(file + " line 7: postgres://admin@db1.example.com:5432/tenant_a is listed twice (first at "
                        + file + " line 2)")
                .doesNotContain("line 1:", "line 2:", "line 4:")
                .doesNotContain(SECRET);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void migrateWithoutTheReplicationPasswordStopsBeforeConnectingAnywhere() throws Exception {
        Path file = dir.resolve("tenants.txt");
        Files.write(file, List.of("postgres://admin@db1.invalid:5432/tenant_a"));
        Cli.Result result = Cli.run(Map.of(), "fleet", "migrate", "--targets", file.toString());
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("nothing was changed", "EXOQUIC_REPLICATION_PASSWORD is not set")
                .doesNotContain("Cannot connect");
    }

    @Test
    void aYamlListCarriesOverridesAndLabelsAndItsMistakesByLine() throws Exception {
        ExoquicFleet fleet = ExoquicFleet.configure().defaults(ExoquicConfigurer.configure().replicationPassword("x"))
                .targetsText("tenants.yaml", """
                        targets:
                          - postgres://admin@db1:5432/plain
                          - url: postgres://admin@db1:5432/gold
                            name: gold-tenant
                            labels: {tier: gold, region: eu}
                            tables: [orders, "sales.*"]
                            slot: gold_slot
                            publication: gold_pub
                        """)
                .selector("tier=gold").load();
        assertThat(fleet.targets()).containsExactly("gold-tenant");

        assertThatThrownBy(() -> ExoquicFleet.configure().targetsText("tenants.yaml", """
                - url: postgres://admin@db1/a
                  colour: blue
                - url: postgres://admin@db1/b
                  labels: {"tier": "gold!"}
                - url: postgres://admin@db1/c
                  slot: Not-A-Slot
                - {name: d}
                """).load())
                .isInstanceOf(ConfigurerException.class)
                .hasMessageContaining("tenants.yaml line 1: unknown key(s) colour")
                .hasMessageContaining("tenants.yaml line 3: label 'tier' is not a label name with a value")
                .hasMessageContaining("tenants.yaml line 5 (postgres://admin@db1/c): EXOQUIC_SLOT_NAME")
                .hasMessageContaining("tenants.yaml line 7: the target has no 'url'");
    }

    @Test
    void jsonListsReadToo() {
        ExoquicFleet fleet = ExoquicFleet.configure().targetsText("tenants.json",
                "[\"postgres://admin@db1/a\", {\"url\": \"postgres://admin@db2/b\", \"labels\": {\"tier\": \"free\"}}]")
                .selector("tier!=gold").load();
        assertThat(fleet.targets()).containsExactly("postgres://admin@db1/a", "postgres://admin@db2/b");
    }

    @Test
    void eachDatabaseGetsASlotOfItsOwnAndOneNamedTwiceOnAServerIsRefused() {
        assertThat(SlotNames.forDatabase("tenant_7")).isEqualTo("exoquic_tenant_7");
        assertThat(SlotNames.forDatabase("Tenant-7")).matches("exoquic_tenant_7_[0-9a-f]{8}")
                .isNotEqualTo(SlotNames.forDatabase("tenant-7"));
        assertThat(SlotNames.forDatabase("x".repeat(80))).hasSize(63).matches("[a-z0-9_]+");
        assertThatThrownBy(() -> ExoquicFleet.configure().targetsText("t.yaml", """
                - {url: "postgres://admin@db1/a", slot: shared}
                - {url: "postgres://admin@DB1.:5432/b", slot: shared}
                - {url: "postgres://admin@db2/c", slot: shared}
                """).load())
                .hasMessageContaining("t.yaml line 2 (postgres://admin@DB1.:5432/b): slot 'shared' is also t.yaml line 1's")
                .hasMessageNotContaining("line 3");
    }

    @Test
    void labelSelectorsFollowKubernetes() {
        Map<String, String> gold = Map.of("tier", "gold", "region", "eu");
        Map<String, String> free = Map.of("tier", "free", "legacy", "yes");
        assertThat(LabelSelector.parse("tier=gold").matches(gold)).isTrue();
        assertThat(LabelSelector.parse("tier==gold,region=eu").matches(gold)).isTrue();
        assertThat(LabelSelector.parse("tier!=gold").matches(free)).isTrue();
        assertThat(LabelSelector.parse("tier!=gold").matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse("region in (eu, us)").matches(gold)).isTrue();
        assertThat(LabelSelector.parse("region in (eu,us)").matches(free)).isFalse();
        assertThat(LabelSelector.parse("region notin (us),!legacy").matches(gold)).isTrue();
        assertThat(LabelSelector.parse("legacy").matches(free)).isTrue();
        assertThat(LabelSelector.parse("!legacy").matches(free)).isFalse();
        for (String bad : List.of("tier=", "=gold", "tier in ()", "a,,b", "tier=go ld")) {
            if (bad.equals("tier=")) {
                continue; // an empty value is a value, as in Kubernetes
            }
            assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        Cli.Result result = Cli.run(Map.of(), "fleet", "status", "--selector", "tier in gold", "--targets", "x");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("'tier in gold' is not a label requirement");
    }

    /** For N in 1..5 every target is in exactly one shard, and the split does not depend on the list's order. */
    @Test
    void shardsAreDisjointCompleteAndStableUnderReordering() {
        List<String> urls = IntStream.rangeClosed(1, 200).mapToObj(i -> "postgres://admin@db" + (i % 3) + "/t_" + i)
                .toList();
        List<String> shuffled = new ArrayList<>(urls);
        Collections.shuffle(shuffled, new java.util.Random(7));
        for (int count = 1; count <= 5; count++) {
            Set<String> seen = new HashSet<>();
            for (int index = 0; index < count; index++) {
                List<String> share = shard(urls, index, count);
                assertThat(new HashSet<>(shard(shuffled, index, count))).isEqualTo(new HashSet<>(share));
                for (String target : share) {
                    assertThat(seen.add(target)).as(target + " in two shards of " + count).isTrue();
                }
                if (count > 1) {
                    assertThat(share.size()).as("shard " + index + "/" + count).isBetween(200 / count / 2, 200 * 2 / count);
                }
            }
            assertThat(seen).hasSize(200);
        }
        assertThat(Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2", "EXOQUIC_FLEET_SHARDS", "5")))
                .isEqualTo(new Shard(2, 5));
        assertThat(Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2"))).isEqualTo(Shard.all());
        assertThatThrownBy(() -> Shard.parse("5/5")).hasMessageContaining("0 <= I < N");
        Cli.Result result = Cli.run(Map.of("EXOQUIC_FLEET_SHARDS", "4"), "fleet", "status", "--targets", "x");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("EXOQUIC_FLEET_SHARDS is set (4) but JOB_COMPLETION_INDEX is not");
    }

    @Test
    void aBudgetIsACountOrAShare() {
        assertThat(FailureBudget.parse("10").allowed(1000)).isEqualTo(10);
        assertThat(FailureBudget.parse("5%").allowed(1000)).isEqualTo(50);
        assertThat(FailureBudget.none().allowed(1000)).isZero();
        assertThatThrownBy(() -> FailureBudget.parse("ten")).hasMessageContaining("not a failure budget");
        assertThatThrownBy(() -> FailureBudget.parse("101%")).hasMessageContaining("not a failure budget");
    }

    @Test
    void serversGroupBySpellingAndLeaveAliasesToTheServerRead() {
        assertThat(ServerAddress.of("DB1.Example.com.", 5432)).isEqualTo(ServerAddress.of("db1.example.com", 5432));
        assertThat(ServerAddress.of("[::1]", 5432)).isEqualTo(ServerAddress.of("0:0:0:0:0:0:0:1", 5432));
        assertThat(ServerAddress.of("localhost", 5432)).isNotEqualTo(ServerAddress.of("127.0.0.1", 5432));
        assertThat(ServerAddress.of("db1", 5432)).isNotEqualTo(ServerAddress.of("db1", 5433));
    }

    private static List<String> shard(List<String> urls, int index, int count) {
        return ExoquicFleet.configure().targetsText("t", String.join("\n", urls)).shard(index, count).load().targets();
    }
}
