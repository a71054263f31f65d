package com.exoquic.configurer.internal.flyway;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.plan.HistoryCreation;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.sqlscript.SqlScriptFactory;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway's statements that create the tool's history, asked of Flyway for the server at hand rather than retyped:
 * its database plugin's create script for the history table (what {@code JdbcTableSchemaHistory} runs, split as
 * Flyway splits it), and the schema as its {@code PostgreSQLSchema} creates one ({@code CREATE SCHEMA} and the name
 * as Flyway quotes it). Opens one session of its own, which only reads.
 */
public final class HistoryScript implements HistoryCreation {
    private final DataSource dataSource;

    public HistoryScript(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<String> statements(boolean createSchema) {
        Configuration configuration = ExoquicFlyway.create(dataSource, List.of()).getConfiguration();
        try (JdbcConnectionFactory connections = new JdbcConnectionFactory(dataSource, configuration, null);
             Database<?> database = connections.getDatabaseType().createDatabase(configuration, connections, null)) {
            List<String> statements = new ArrayList<>();
            if (createSchema) {
                statements.add("CREATE SCHEMA " + database.quote(ExoquicFlyway.SCHEMA));
            }
            Table<?, ?> table = database.getMainConnection().getSchema(ExoquicFlyway.SCHEMA)
                    .getTable(ExoquicFlyway.HISTORY_TABLE);
            SqlScriptFactory scripts = connections.getDatabaseType()
                    .createSqlScriptFactory(configuration, new ParsingContext());
            // Without the baseline row: a row of the history is Flyway's bookkeeping, which no preview shows.
            try (SqlStatementIterator script = database.getCreateScript(scripts, table, false).getSqlStatements()) {
                script.forEachRemaining(statement -> statements.add(statement.getSql()));
            }
            return statements;
        } catch (FlywayException e) {
            throw new ConfigurerException(ErrorCode.FAILED,
                    "Flyway could not give the statements that create its history: " + e.getMessage(), e);
        }
    }
}
