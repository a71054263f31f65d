import java.sql.DriverManager;

/** Creates a database on the examples' throwaway server (PGHOST, PGPORT, PGUSER, PGPASSWORD): there is no psql. */
public class CreateDatabase {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + System.getenv("PGHOST") + ":" + System.getenv("PGPORT") + "/postgres";
        try (var connection = DriverManager.getConnection(url, System.getenv("PGUSER"), System.getenv("PGPASSWORD"))) {
            connection.createStatement().execute("CREATE DATABASE \"" + args[0].replace("\"", "\"\"") + "\"");
        }
    }
}
