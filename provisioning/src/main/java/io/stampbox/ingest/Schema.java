package io.stampbox.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The ingest's tables (docs/ingest.md shows the same SQL), created if missing. */
final class Schema {

    /** Taken around the DDL so that ingest processes starting together do not race on CREATE. */
    private static final long DDL_LOCK = 0x5354414d50L;

    static final String SQL = """
            CREATE TABLE IF NOT EXISTS stampbox_event (
              event_id       text PRIMARY KEY,
              device_id      text NOT NULL,
              seq            bigint NOT NULL CHECK (seq > 0),
              kind           text NOT NULL,
              store_id       text,
              card_id        text,
              scanned_at     timestamptz NOT NULL,
              clock_synced   boolean,
              config_version bigint,
              voids_event_id text,
              voids_seq      bigint,
              payload        text NOT NULL,
              received_at    timestamptz NOT NULL DEFAULT now(),
              CONSTRAINT stampbox_event_device_seq UNIQUE (device_id, seq)
            );
            CREATE TABLE IF NOT EXISTS stampbox_lost (
              device_id   text NOT NULL,
              first_seq   bigint NOT NULL,
              last_seq    bigint NOT NULL,
              reported_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (device_id, first_seq, last_seq)
            );
            CREATE TABLE IF NOT EXISTS stampbox_unit (
              device_id        text PRIMARY KEY,
              stored_through   bigint NOT NULL DEFAULT 0,
              settled_through  bigint NOT NULL DEFAULT 0,
              max_seq          bigint NOT NULL DEFAULT 0,
              duplicates       bigint NOT NULL DEFAULT 0,
              conflicts        bigint NOT NULL DEFAULT 0,
              last_received_at timestamptz
            );
            CREATE TABLE IF NOT EXISTS stampbox_reject (
              topic_device text NOT NULL,
              reason       text NOT NULL,
              count        bigint NOT NULL,
              last_detail  text NOT NULL,
              last_at      timestamptz NOT NULL,
              PRIMARY KEY (topic_device, reason)
            );
            """;

    private Schema() {}

    /** True when the ingest's tables are there (report reads, it does not create). */
    static boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT to_regclass('stampbox_unit') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    static void create(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
            s.execute(SQL);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
