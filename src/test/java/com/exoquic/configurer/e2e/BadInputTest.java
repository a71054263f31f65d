package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a specific message, exit 2 (or 1 for an unreachable server), and changes nothing. */
@ExtendWith(PostgresExtension.class)
class BadInputTest {
    private static PostgresServer server;
    private static Catalog catalog;
    private List<String> before;

    @BeforeAll
    static void database(PostgresServer shared) {
        server = shared;
        EndToEnd.walLevelLogical(shared);
        shared.createDatabase("shop");
        catalog = new Catalog(shared, "shop");
        catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE TABLE public.y (id int)",
                "CREATE TABLE public.\"Order Items\" (id int PRIMARY KEY)",
                "CREATE VIEW public.order_view AS SELECT * FROM public.orders",
                "CREATE ROLE powerful LOGIN SUPERUSER",
                "CREATE ROLE app_admin LOGIN PASSWORD 'app-admin-pw'",
                "SELECT pg_create_logical_replication_slot('decoding_slot', 'test_decoding')",
                "CREATE FOREIGN DATA WRAPPER nowhere_fdw",
                "CREATE SERVER nowhere FOREIGN DATA WRAPPER nowhere_fdw",
                "CREATE FOREIGN TABLE public.remote_orders (id int) SERVER nowhere",
                "CREATE PUBLICATION inserts_only FOR TABLE public.orders WITH (publish = 'insert')");
    }

    @BeforeEach
    void snapshot() {
        before = VerbsEndToEndTest.catalogState(catalog);
    }

    /**
     * Runs validate, then migrate, and checks the property behind preflight: validate's exit 0 means migrate
     * succeeds (0, or 3 for the restart), and migrate never fails halfway (exit 1) on input a catalog read could
     * refuse; only an unreachable server ends with 1. Nothing changes either way.
     */
    private Cli.Result migrate(Consumer<Map<String, String>> change) {
        Map<String, String> env = Cli.env(server, "shop");
        change.accept(env);
        Cli.Result validate = Cli.run(env, "validate");
        Cli.Result result = Cli.run(env, "migrate");
        assertThat(result.err()).as("no stack trace without --verbose").doesNotContain("\tat ");
        assertThat(VerbsEndToEndTest.catalogState(catalog)).as("nothing changed").isEqualTo(before);
        if (validate.exit() == 0) {
            assertThat(result.exit()).as("validate said migrate would succeed: " + result).isIn(0, 3);
        }
        if (result.exit() == 1) {
            assertThat(validate.exit()).as("only an unreachable server fails halfway: " + result).isEqualTo(1);
        }
        return result;
    }

    @Test
    void missingTableAndUnknownSchemaAreListedTogetherInInputOrder() {
        Cli.Result result = migrate(env -> env.put("TABLES_TO_CAPTURE", "orders,zz_missing,ghost.*,nowhere.t,missing_table"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\"public\".\"missing_table\"", "does not exist")
                .contains("\"nowhere\".\"t\"", "schema that does not exist").contains("\"ghost\".*");
        String err = result.err();
        assertThat(List.of(err.indexOf("\"zz_missing\""), err.indexOf("\"ghost\".*"), err.indexOf("\"nowhere\".\"t\""),
                err.indexOf("\"missing_table\""))).as(err).isSorted();
    }

    @Test
    void aQuotedNameInTheWrongCaseSuggestsTheTableThatExists() {
        Cli.Result result = migrate(env -> env.put("TABLES_TO_CAPTURE", "\"order items\""));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\"public\".\"order items\", which does not exist"
                + " (did you mean public.\"Order Items\"?)");
    }

    @Test
    void aViewCannotBeCaptured() {
        Cli.Result result = migrate(env -> env.put("TABLES_TO_CAPTURE", "order_view"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\"public\".\"order_view\"", "is a view");
    }

    @Test
    void aForeignTableCannotBeCaptured() {
        Cli.Result result = migrate(env -> env.put("TABLES_TO_CAPTURE", "orders,remote_orders"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\"public\".\"remote_orders\"", "is a foreign table");
    }

    @Test
    void aPublicationWithOtherSettingsIsAConflictNotChanged() {
        Cli.Result result = migrate(env -> {
            env.put("EXOQUIC_PUBLICATION_NAME", "inserts_only");
            env.put("TABLES_TO_CAPTURE", "orders");
        });
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\"inserts_only\"", "publishes only 'insert'", "not touched",
                "EXOQUIC_PUBLICATION_NAME");
    }

    @Test
    void sqlInjectionInTheTableListIsRefusedAndNeverExecuted() {
        Cli.Result result = migrate(env -> env.put("TABLES_TO_CAPTURE", "x; DROP TABLE y"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("TABLES_TO_CAPTURE").contains("double quotes");
        assertThat(catalog.value("SELECT count(*) FROM pg_class WHERE relname = 'y'")).isEqualTo("1");
    }

    @Test
    void aQuotedInjectionAttemptIsJustAMissingTableName() {
        Cli.Result result = migrate(env -> env.put("TABLES_TO_CAPTURE", "\"y\"\"; DROP TABLE y; --\""));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("does not exist");
        assertThat(catalog.value("SELECT count(*) FROM pg_class WHERE relname = 'y'")).isEqualTo("1");
    }

    @Test
    void anExistingSuperuserRoleIsNotReusedAsTheReplicationRole() {
        Cli.Result result = migrate(env -> env.put("EXOQUIC_REPLICATION_USER", "powerful"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("\"powerful\"", "SUPERUSER", "EXOQUIC_REPLICATION_USER");
    }

    @Test
    void aSlotWithAnotherPluginIsAConflictNotDropped() {
        Cli.Result result = migrate(env -> env.put("EXOQUIC_SLOT_NAME", "decoding_slot"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("decoding_slot", "test_decoding", "not touched");
    }

    @Test
    void aWrongAdminPasswordFailsAtOnceWithoutRetrying() {
        long start = System.nanoTime();
        Cli.Result result = migrate(env -> {
            env.put("PGPASSWORD", "wrong-password");
            env.put("EXOQUIC_CONNECT_ATTEMPTS", "5");
        });
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("password authentication failed", "PGPASSWORD").doesNotContain("wrong-password");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        Cli.Result result = migrate(env -> env.put("PGDATABASE", "nosuchdb"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("nosuchdb", "PGDATABASE");
    }

    @Test
    void anUnreachableServerGivesUpAfterTheConfiguredAttempts() {
        Cli.Result result = migrate(env -> {
            env.put("PGPORT", "1");
            env.put("EXOQUIC_CONNECT_ATTEMPTS", "2");
        });
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("PGHOST and PGPORT", "tried 2 time(s)");
    }

    @Test
    void aBadPortIsAConfigurationErrorBeforeAnyConnection() {
        Cli.Result result = migrate(env -> env.put("PGPORT", "70000"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("PGPORT", "70000");
    }

    @Test
    void anAdminWithoutSuperuserIsToldWhichStepsNeedOneAndTheSql() {
        Cli.Result result = migrate(env -> {
            env.put("PGUSER", "app_admin");
            env.put("PGPASSWORD", "app-admin-pw");
        });
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("not a superuser", "CREATE ROLE \"exoquic_replication\" WITH LOGIN REPLICATION",
                "FOR ALL TABLES");
    }
}
