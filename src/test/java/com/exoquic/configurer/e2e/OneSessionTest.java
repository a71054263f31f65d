package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.exoquic.configurer.testing.ServerLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first run logs in once: Flyway's history, migrations and callbacks (ALTER SYSTEM, the slot) run on the session
 * that holds the run lock and read the catalog, and the report's read-back after them finds that session as the
 * tool keeps it (search path pg_catalog only).
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class OneSessionTest {
    private static final String APP = "exoquic-configurer";

    @Test
    void aFirstRunAndANoOpEachUseOneSession(PostgresServer server) {
        server.createDatabase("shop");
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, "shop");
        catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");
        Map<String, String> env = Cli.env(server, "shop");

        int start = server.logLines().size();
        migrate(env);
        List<String> lines = server.logLines().subList(start, server.logLines().size());
        assertThat(ServerLog.sessions(lines, APP)).as("sessions of a first run").hasSize(1);
        List<String> sent = ServerLog.statements(lines, APP).stream().map(ServerLog.Sent::sql).toList();
        assertThat(sent).as("Flyway's migrations ran").anyMatch(sql -> sql.contains("CREATE EVENT TRIGGER exoquic_ddl_guard"));
        assertThat(sent).as("the slot was created").anyMatch(sql -> sql.contains("pg_create_logical_replication_slot"));
        // Flyway sets its schema as search path (set_config) and sets back the one it found when it lets go
        List<String> paths = ServerLog.statements(lines, APP).stream()
                .filter(statement -> statement.sql().startsWith("SELECT set_config('search_path', $1, false)"))
                .map(statement -> statement.parameters().get(0)).toList();
        assertThat(paths).as("Flyway's search paths").contains("\"exoquic\",pg_catalog,pg_temp");
        assertThat(paths.get(paths.size() - 1)).as("Flyway gave the session back as it found it")
                .isEqualTo("pg_catalog,pg_temp");
        assertThat(catalog.value("SELECT count(*)::text FROM exoquic.flyway_schema_history WHERE success"))
                .isNotEqualTo("0");

        start = server.logLines().size();
        migrate(env);
        assertThat(ServerLog.sessions(server.logLines().subList(start, server.logLines().size()), APP))
                .as("sessions of a no-op").hasSize(1);
    }
}
