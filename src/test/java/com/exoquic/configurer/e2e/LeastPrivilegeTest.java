package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replication role can do what Exoquic needs and nothing more: read the captured tables (for the initial
 * snapshot) and stream changes. It cannot write anything, read anything else, or hand itself more rights.
 */
@ExtendWith(PostgresExtension.class)
class LeastPrivilegeTest {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final List<String> CAPTURED = List.of("public.orders", "public.events", "sales.refunds", "sales.invoices");
    private static final List<String> NOT_CAPTURED = List.of("public.salaries", "public.created_later",
            "exoquic.flyway_schema_history", "exoquic.status");

    @Test
    void theReplicationRoleReadsOnlyTheCapturedTablesWritesNothingAndCanReplicate(PostgresServer server) throws Exception {
        Catalog catalog = Convergence.shop(server);
        walLevelLogical(server);
        EndToEnd.migrate(Convergence.env(server));
        catalog.execute("CREATE TABLE public.created_later (id int)");

        assertThat(catalog.value("SELECT rolsuper::text || rolcreatedb || rolcreaterole || rolbypassrls"
                + " FROM pg_roles WHERE rolname = '" + ROLE + "'"))
                .as("superuser, createdb, createrole, bypassrls").isEqualTo("falsefalsefalsefalse");
        assertThat(catalog.value("SELECT rolcanlogin::text || rolreplication FROM pg_roles WHERE rolname = '" + ROLE + "'"))
                .as("login, replication").isEqualTo("truetrue");
        assertThat(catalog.column("SELECT roleid::regrole::text FROM pg_auth_members WHERE member = '" + ROLE + "'::regrole"))
                .as("member of no role (e.g. pg_read_all_data, pg_write_all_data)").isEmpty();

        try (Connection exoquic = server.connect(Convergence.DB, ROLE, Cli.REPLICATION_PASSWORD);
             Statement statement = exoquic.createStatement()) {
            for (String table : CAPTURED) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    assertThat(rs.next()).as("SELECT on captured " + table).isTrue();
                }
            }
            for (String table : NOT_CAPTURED) {
                assertDenied(statement, "SELECT * FROM " + table);
            }
            for (String table : List.of("public.orders", "public.events", "public.salaries", "sales.refunds",
                    "sales.invoices", "public.created_later", "exoquic.flyway_schema_history")) {
                String column = catalog.value("SELECT quote_ident(attname) FROM pg_attribute"
                        + " WHERE attrelid = '" + table + "'::regclass AND attnum = 1");
                assertDenied(statement, "INSERT INTO " + table + " DEFAULT VALUES");
                assertDenied(statement, "UPDATE " + table + " SET " + column + " = " + column);
                assertDenied(statement, "DELETE FROM " + table);
                assertDenied(statement, "TRUNCATE " + table);
            }
            assertDenied(statement, "CREATE TABLE public.mine (id int)");
            assertDenied(statement, "ALTER ROLE " + ROLE + " SUPERUSER");
        }

        Properties props = new Properties();
        PGProperty.USER.set(props, ROLE);
        PGProperty.PASSWORD.set(props, Cli.REPLICATION_PASSWORD);
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        try (Connection replication = DriverManager.getConnection(server.jdbcUrl(Convergence.DB), props);
             Statement statement = replication.createStatement();
             ResultSet rs = statement.executeQuery("IDENTIFY_SYSTEM")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("systemid")).isNotBlank();
            assertThat(rs.getString("dbname")).isEqualTo(Convergence.DB);
        }
    }

    private static void assertDenied(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                        .as(sql + ": " + e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }
}
