package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.MosquittoBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.stampbox.testing.BrokerTest;

/**
 * The database goes away under a running ingest (its connections terminated, new ones refused with
 * "not currently accepting connections"): events are held, nothing is counted as refused, no ack is
 * published; when the database is back every event is stored once and acknowledged.
 */
@BrokerTest
class IngestOutageTest {

    private static final String ROOT = "outage/v1";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @TempDir
    Path dir;

    @Test
    void aDatabaseOutageHoldsEventsAndAcksUntilItIsBack() throws Exception {
        try (TestDatabase db = new TestDatabase(); MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                InProcessIngest ingest = new InProcessIngest(broker.url(), db, ROOT, "ingest-outage", 65536);
                SimulatedUnit unit = new SimulatedUnit(broker.url(), ROOT, "unit-o");
                AckLog log = new AckLog(broker.url(), ROOT)) {
            List<String> acks = log.acks;
            unit.stamp(1);
            Eventually.until("ack 1", Duration.ofSeconds(20), () -> acks.contains("{\"throughSeq\":1}"), acks::toString);

            String name = db.url().substring(db.url().lastIndexOf('/') + 1, db.url().indexOf('?'));
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            int acksBefore = acks.size();
            for (long seq = 2; seq <= 20; seq++) {
                unit.stamp(seq);
            }
            Thread.sleep(2000); // the outage lasts: the ingest retries meanwhile (no condition to await here)
            assertEquals(acksBefore, acks.size(), "an ack was published while the database was away: " + acks);
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");

            Eventually.until("ack 20 after the outage", Duration.ofSeconds(40), () -> acks.contains("{\"throughSeq\":20}"), acks::toString);
            assertEquals(20, db.count("SELECT count(*) FROM stampbox_event WHERE device_id = 'unit-o'"));
            assertEquals(0, db.count("SELECT count(*) FROM stampbox_reject"), "an event was counted as refused during the outage");
            assertTrue(ingest.alive());
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
