package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The database options every command takes. The password comes from {@code PGPASSWORD} or {@code ~/.pgpass}. */
final class DatabaseOptions {

    @Option(names = "--db", required = true, paramLabel = "JDBC-URL",
            description = "jdbc:postgresql://host:port/database (the database must exist; the tables are made if missing)")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user; default: the URL's, else the driver's")
    String user;

    @Option(names = "--debug", description = "stack traces with errors")
    boolean debug;

    Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "stampbox-ingest");
        return p;
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, properties());
    }

    /** The URL without its query (which may carry a password), for messages. */
    String shown() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
