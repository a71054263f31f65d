package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The number of statements migrate sends does not depend on the number of tables: counted on the server
 * (log_statement = 'all'), for a small and a large catalog in the same state otherwise. The large one has
 * more than 1,000 tables without a primary key, so the batched replica identity step commits in between.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class StatementCountTest {
    private static final int SCHEMAS = 4;

    @Test
    void migrateSendsAsManyStatementsFor30TablesAsFor2400(PostgresServer server) {
        walLevelLogical(server);
        Run small = migrateThrice(server, "small", 30);
        Run large = migrateThrice(server, "large", 2400);

        assertThat(small.first()).as("statements of a first migrate").isGreaterThan(10);
        assertThat(large.first()).as("first migrate, 2,400 tables vs 30").isEqualTo(small.first());
        assertThat(large.noOp()).as("no-op migrate, 2,400 tables vs 30").isEqualTo(small.noOp());
        assertThat(small.noOp()).as("the first no-op after a change: the run lock, one catalog read, the catalog's"
                + " fingerprint recorded, the lock's release").isEqualTo(4);
        assertThat(large.repeatedNoOp()).as("a repeated no-op, 2,400 tables vs 30").isEqualTo(small.repeatedNoOp());
        assertThat(small.repeatedNoOp()).as("a repeated no-op: the run lock, one catalog read, the lock's release")
                .isEqualTo(3);
        Catalog catalog = new Catalog(server, "large");
        assertThat(catalog.value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname LIKE 's%' AND c.relkind = 'r' AND c.relreplident = 'f'")).isEqualTo("1200");
        assertThat(catalog.value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname LIKE 's%' AND c.relkind = 'r' AND c.relreplident = 'd'")).isEqualTo("1200");
    }

    private record Run(int first, int noOp, int repeatedNoOp) {
    }

    /** Creates the database with {@code tables} tables over {@link #SCHEMAS} schemas, every other one without a key. */
    private static Run migrateThrice(PostgresServer server, String database, int tables) {
        server.createDatabase(database);
        Catalog catalog = new Catalog(server, database);
        for (int s = 0; s < SCHEMAS; s++) {
            // one transaction per schema keeps the setup itself within the lock table
            catalog.execute("CREATE SCHEMA s" + s, "DO $$ BEGIN FOR i IN 0.." + (tables / SCHEMAS - 1) + " LOOP"
                    + " IF i % 2 = 0 THEN EXECUTE format('CREATE TABLE s" + s + ".t%s (id int PRIMARY KEY, v text)', i);"
                    + " ELSE EXECUTE format('CREATE TABLE s" + s + ".t%s (id int, v text)', i); END IF;"
                    + " END LOOP; END $$");
        }
        Map<String, String> env = Cli.env(server, database);
        // role and slot are per cluster: each database gets its own, so both runs start from the same state
        env.put("EXOQUIC_REPLICATION_USER", "rep_" + database);
        env.put("EXOQUIC_SLOT_NAME", "slot_" + database);
        int first = countStatements(server, () -> EndToEnd.migrate(env));
        int noOp = countStatements(server, () -> assertThat(EndToEnd.migrate(env).out()).contains("Up to date"));
        int repeated = countStatements(server, () -> assertThat(EndToEnd.migrate(env).out()).contains("Up to date"));
        return new Run(first, noOp, repeated);
    }

    private static int countStatements(PostgresServer server, Runnable run) {
        int before = server.logLines().size();
        run.run();
        List<String> lines = server.logLines();
        return (int) lines.subList(before, lines.size()).stream()
                .filter(line -> line.contains("app=exoquic-configurer"))
                .filter(line -> line.contains(" statement: ") || line.matches(".* execute [^:]*: .*"))
                .count();
    }
}
