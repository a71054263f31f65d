package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Names with spaces, quotes, dots and non-ASCII characters work everywhere: list, publication, grants, identity. */
@ExtendWith(PostgresExtension.class)
class OddNamesTest {

    @Test
    void tablesWithQuotesDotsSpacesAndNonAsciiNamesAreCaptured(PostgresServer server) {
        EndToEnd.walLevelLogical(server);
        server.createDatabase("shop");
        Catalog catalog = new Catalog(server, "shop");
        catalog.execute("CREATE SCHEMA \"My.Schema\"",
                "CREATE TABLE \"My.Schema\".\"we\"\"ird, name\" (payload text)",
                "CREATE TABLE public.\"Ünïcödé tàble\" (id int PRIMARY KEY)",
                "CREATE TABLE public.untouched (payload text)");
        Map<String, String> env = Cli.env(server, "shop");
        env.put("TABLES_TO_CAPTURE", "\"My.Schema\".\"we\"\"ird, name\", \"Ünïcödé tàble\"");
        env.put("EXOQUIC_REPLICATION_USER", "Exo \"Repl\" ü");
        env.put("EXOQUIC_PUBLICATION_NAME", "Pub; DROP TABLE untouched");

        Cli.Result result = Cli.run(env, "migrate");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(catalog.column("SELECT schemaname || '|' || tablename FROM pg_publication_tables"
                + " WHERE pubname = 'Pub; DROP TABLE untouched' ORDER BY 1"))
                .containsExactly("My.Schema|we\"ird, name", "public|Ünïcödé tàble");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'we\"ird, name'")).isEqualTo("f");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'untouched'")).isEqualTo("d");
        assertThat(catalog.value("SELECT has_table_privilege('Exo \"Repl\" ü', '\"My.Schema\".\"we\"\"ird, name\"', 'SELECT')::text"))
                .isEqualTo("true");
        assertThat(catalog.value("SELECT has_table_privilege('Exo \"Repl\" ü', 'public.untouched', 'SELECT')::text"))
                .isEqualTo("false");
        assertThat(Cli.run(env, "migrate").out()).contains("Up to date");
    }
}
