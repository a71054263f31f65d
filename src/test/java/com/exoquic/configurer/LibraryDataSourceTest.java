package com.exoquic.configurer;

import com.exoquic.configurer.api.ExportResult;
import com.exoquic.configurer.api.InfoReport;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A library user configures the tool fluently with the application's DataSource (its own port, database and
 * application name) and no environment at all: every operation runs on that DataSource's connections, and the
 * server saw no other client.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"log_connections = on", "log_statement = 'all'", "wal_level = logical"})
class LibraryDataSourceTest {
    private static final Pattern APP = Pattern.compile(" app=(\\S*) ");

    @TempDir
    Path exportDir;

    @Test
    void everyOperationRunsOnTheApplicationsDataSource(PostgresServer server) {
        server.createDatabase("shop");
        new Catalog(server, "shop").execute("CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE TABLE public.events (at timestamptz)", "CREATE TABLE public.ignored (id int)");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {server.host()});
        dataSource.setPortNumbers(new int[] {server.port()});
        dataSource.setDatabaseName("shop");
        dataSource.setUser(PostgresServer.SUPERUSER);
        dataSource.setPassword(PostgresServer.SUPERUSER_PASSWORD);
        dataSource.setApplicationName("the-application");
        int start = server.logLines().size();

        ExoquicConfigurer configurer = ExoquicConfigurer.configure()
                .dataSource(dataSource)
                .tables("orders", "events")
                .replicationPassword("library-replication-pw")
                .load();
        List<PlannedStatement> plan = configurer.plan();
        List<com.exoquic.configurer.api.Finding> problems = configurer.validate();
        MigrationReport report = configurer.migrate();
        StatusReport status = configurer.status(1L << 30);
        InfoReport info = configurer.info();
        ExportResult export = configurer.export(exportDir);
        List<PlannedStatement> teardownPlan = configurer.teardownPlan(false, false);
        List<PlannedStatement> removed = configurer.teardown(false, false);

        assertThat(plan).isNotEmpty();
        assertThat(problems).isEmpty();
        assertThat(report.restartRequired()).isFalse();
        assertThat(status.healthy()).as(status.problems().toString()).isTrue();
        assertThat(status.publicationTables()).isEqualTo(2);
        assertThat(info.slot()).startsWith("pgoutput");
        assertThat(export.files()).hasSize(15); // seven migrations in each of two sets, and the README
        // The same statements; a step name may differ (it names the WAL the slot holds, which grows meanwhile).
        assertThat(removed.stream().map(PlannedStatement::sql).toList())
                .isEqualTo(teardownPlan.stream().map(PlannedStatement::sql).toList());
        List<String> lines = server.logLines().subList(start, server.logLines().size());
        assertThat(lines).anyMatch(line -> line.contains("app=the-application") && line.contains("statement:"));
        assertThat(lines.stream().map(APP::matcher).filter(Matcher::find).map(m -> m.group(1)).distinct())
                .as("the applications of every session the server saw")
                .containsOnly("the-application", "[unknown]");
        assertThat(lines).filteredOn(line -> line.contains("connection authorized"))
                .allMatch(line -> line.contains("database=shop"), "only the DataSource's database");
    }
}
