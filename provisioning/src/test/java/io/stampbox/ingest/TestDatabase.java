package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A fresh PostgreSQL database on 127.0.0.1:5432 (trust, user postgres) for one test class; dropped on close. */
final class TestDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String name;

    TestDatabase() throws SQLException {
        name = "stampbox_ingest_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    String url() {
        return SERVER + name + "?user=postgres";
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url());
    }

    long count(String sql, Object... args) {
        try (Connection c = open(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the ingest has not made its tables yet
            }
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
