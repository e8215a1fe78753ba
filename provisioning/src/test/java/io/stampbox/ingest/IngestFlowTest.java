package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.MosquittoBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.SlowTest;

/** The ingest in this JVM against a real mosquitto and a fresh PostgreSQL database; simulated units publish. */
@BrokerTest
@SlowTest
class IngestFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestDatabase db;
    private static MosquittoBroker broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        db = new TestDatabase();
        broker = MosquittoBroker.builder(dir).start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
        db.close();
    }

    private static long events(String device) {
        return db.count("SELECT count(*) FROM stampbox_event WHERE device_id = ?", device);
    }

    private static List<String> rows(String device) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.open(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT event_id, seq, kind, payload, received_at FROM stampbox_event WHERE device_id = '"
                        + device + "' ORDER BY seq")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getLong(2) + " " + r.getString(3) + " " + r.getString(4) + " " + r.getTimestamp(5));
            }
        }
        return rows;
    }

    @Test
    void duplicateDeliveriesChangeNothingAndAcksNeverRunAheadOfTheDatabase() throws Exception {
        String root = "dup/v1";
        try (InProcessIngest ingest = new InProcessIngest(broker.url(), db, root, "ingest-dup", 65536);
                AckWatcher acks = new AckWatcher(broker.url(), root, db);
                SimulatedUnit unit = new SimulatedUnit(broker.url(), root, "unit-d")) {
            for (long seq = 1; seq <= 50; seq++) {
                unit.stamp(seq);
            }
            Eventually.until("ack 50", WAIT, () -> acks.highest("unit-d") == 50, () -> "events " + events("unit-d"));
            List<String> before = rows("unit-d");
            long acksBefore = acks.checked();
            for (long seq = 10; seq <= 20; seq++) {
                unit.publish("scan", SimulatedUnit.stamp("unit-d", seq)); // a resend: same eventId and seq, new scannedAt bytes
            }
            unit.stamp(50);
            Eventually.until("12 duplicates counted", WAIT,
                    () -> db.count("SELECT duplicates FROM stampbox_unit WHERE device_id = 'unit-d'") == 12, () -> "");
            assertEquals(before, rows("unit-d"), "a duplicate delivery changed the stored rows");
            assertEquals(50, events("unit-d"));
            Eventually.until("re-acks after the duplicates", WAIT, () -> acks.checked() > acksBefore, () -> "");
            String reused = new String(SimulatedUnit.stamp("unit-d", 7), StandardCharsets.UTF_8)
                    .replace(SimulatedUnit.eventId("unit-d", 7), SimulatedUnit.eventId("unit-d", 7007));
            unit.publish("scan", reused.getBytes(StandardCharsets.UTF_8)); // seq 7 again under another eventId
            Eventually.until("the reused seq counted as a conflict", WAIT,
                    () -> db.count("SELECT conflicts FROM stampbox_unit WHERE device_id = 'unit-d'") == 1, () -> "");
            assertEquals(before, rows("unit-d"), "a conflicting event changed the stored rows");
            assertEquals(List.of(), acks.violations());
            assertTrue(ingest.alive());
        }
    }

    @Test
    void gapsReportedLostRangesAndVoidsShowInTheReport() throws Exception {
        String root = "gap/v1";
        try (InProcessIngest ingest = new InProcessIngest(broker.url(), db, root, "ingest-gap", 65536);
                AckWatcher acks = new AckWatcher(broker.url(), root, db);
                SimulatedUnit unit = new SimulatedUnit(broker.url(), root, "unit-g")) {
            for (long seq : new long[] {1, 2, 3, 4, 5, 8, 9, 10, 14}) {
                unit.stamp(seq);
            }
            unit.status("{\"online\":true,\"lostSeqs\":[{\"first\":11,\"last\":13}]}");
            Eventually.until("9 events and the lost range", WAIT, () -> events("unit-g") == 9
                    && db.count("SELECT count(*) FROM stampbox_lost WHERE device_id = 'unit-g'") == 1, () -> "");
            Eventually.until("ack 5", WAIT, () -> acks.highest("unit-g") == 5, () -> "ack " + acks.highest("unit-g"));
            JsonNode u = report("unit-g").path("units").get(0);
            assertEquals(5, u.path("storedThrough").asLong());
            assertEquals(5, u.path("ackedThrough").asLong());
            assertEquals(14, u.path("maxSeq").asLong());
            assertEquals("[{\"first\":6,\"last\":7,\"reportedLost\":false},{\"first\":11,\"last\":13,\"reportedLost\":true}]",
                    u.path("gaps").toString());
            assertEquals("[{\"first\":11,\"last\":13}]", u.path("lost").toString());
            assertTrue(u.path("pendingLagSeconds").asDouble() >= 0 && u.path("lagSeconds").asDouble() >= 0, u.toString());

            unit.stamp(6);
            Eventually.until("ack 6", WAIT, () -> acks.highest("unit-g") == 6, () -> "ack " + acks.highest("unit-g"));
            unit.stamp(7);
            Eventually.until("ack 14 (8-10 stored, 11-13 reported lost, 14 stored)", WAIT, () -> acks.highest("unit-g") == 14,
                    () -> "ack " + acks.highest("unit-g"));
            unit.voids(15, 3);
            Eventually.until("the void row", WAIT, () -> db.count("SELECT count(*) FROM stampbox_event WHERE device_id = 'unit-g'"
                    + " AND kind = 'void' AND voids_seq = 3 AND voids_event_id = ?", SimulatedUnit.eventId("unit-g", 3)) == 1, () -> "");
            Eventually.until("ack 15", WAIT, () -> acks.highest("unit-g") == 15, () -> "ack " + acks.highest("unit-g"));
            u = report("unit-g").path("units").get(0);
            assertEquals(10, u.path("storedThrough").asLong());
            assertEquals(15, u.path("ackedThrough").asLong());
            assertEquals(1, u.path("voids").asLong());
            assertTrue(u.path("oldestPendingScannedAt").isNull(), u.toString());
            String table = run(0, "report", "--db", db.url(), "--unit", "unit-g");
            assertTrue(table.contains("11-13 lost"), table);
            System.out.print(table);
            assertEquals(List.of(), acks.violations());
            assertTrue(ingest.alive());
        }
    }

    @Test
    void theRawPayloadIsStoredExactlyAsReceived() throws Exception {
        String root = "raw/v1";
        String sent = new String(SimulatedUnit.stamp("unit-r", 1), StandardCharsets.UTF_8)
                .replace(",", ",\n\t ").replace("{", "{\r\n").replace("\"cardId\":\"CARD1\"", "\"cardId\":\"C\\\\A\\\"R\\tD\\u00e9\\\\N\"");
        try (InProcessIngest ingest = new InProcessIngest(broker.url(), db, root, "ingest-raw", 65536);
                SimulatedUnit unit = new SimulatedUnit(broker.url(), root, "unit-r")) {
            unit.publish("scan", sent.getBytes(StandardCharsets.UTF_8));
            Eventually.until("the event", WAIT, () -> events("unit-r") == 1, () -> "");
            try (Connection c = db.open(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT payload, card_id FROM stampbox_event WHERE device_id = 'unit-r'")) {
                r.next();
                assertEquals(sent, r.getString(1));
                assertEquals("C\\A\"R\tD\u00e9\\N", r.getString(2));
            }
        }
    }

    @Test
    void hostilePayloadsAreCountedNeverStoredAndTheConsumerGoesOn() throws Exception {
        String root = "bad/v1";
        String valid = new String(SimulatedUnit.stamp("unit-h", 1), StandardCharsets.UTF_8);
        List<byte[]> hostile = new ArrayList<>(List.of(
                "not json at all".getBytes(StandardCharsets.UTF_8),
                ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8),
                "{\"schema\":\"stampbox.scan.v1\",\"deviceId\":\"unit-h\"}".getBytes(StandardCharsets.UTF_8),
                valid.replace("\"deviceId\":\"unit-h\"", "\"deviceId\":\"unit-x\"").getBytes(StandardCharsets.UTF_8),
                valid.replace("\"seq\":1", "\"seq\":-1").getBytes(StandardCharsets.UTF_8),
                valid.replace("\"seq\":1", "\"seq\":\"1\"").getBytes(StandardCharsets.UTF_8),
                valid.replace("\"seq\":1", "\"seq\":1.5").getBytes(StandardCharsets.UTF_8),
                valid.replace("\"cardId\":\"CARD1\"", "\"cardId\":\"CARD\\u0000\"").getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'},
                new byte[0]));
        try (InProcessIngest ingest = new InProcessIngest(broker.url(), db, root, "ingest-bad", 4096);
                SimulatedUnit unit = new SimulatedUnit(broker.url(), root, "unit-h")) {
            for (byte[] payload : hostile) {
                unit.publish("scan", payload);
            }
            unit.stamp(1);
            Eventually.until("the valid event after the hostile ones", WAIT, () -> events("unit-h") == 1, () -> "");
            Eventually.until("every refusal counted", WAIT,
                    () -> db.count("SELECT coalesce(sum(count), 0) FROM stampbox_reject WHERE topic_device = 'unit-h'") == hostile.size(),
                    () -> "counted " + db.count("SELECT coalesce(sum(count), 0) FROM stampbox_reject WHERE topic_device = 'unit-h'"));
            assertEquals(1, events("unit-h"));
            assertEquals(0, db.count("SELECT count(*) FROM stampbox_event WHERE device_id = 'unit-x'"));
            for (String reason : List.of("not-json", "too-large", "missing-field", "device-mismatch", "bad-seq", "bad-field", "not-utf8")) {
                assertTrue(db.count("SELECT count(*) FROM stampbox_reject WHERE topic_device = 'unit-h' AND reason = ?", reason) == 1, reason);
            }
            assertEquals(0, db.count("SELECT count(*) FROM stampbox_reject WHERE last_detail LIKE '%CARD%'"), "a code in a detail");
            assertTrue(ingest.alive());
            assertTrue(run(0, "report", "--db", db.url(), "--unit", "unit-h").contains("device-mismatch"));
        }
    }

    @Test
    void theCommandLineSaysWhatIsWrongInOneLine() {
        String err = runErr(1, "report", "--db", "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres");
        assertTrue(err.startsWith("stampbox-ingest: database jdbc:postgresql://127.0.0.1:1/nowhere: "), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(runErr(1, "report", "--db", db.url(), "--unit", "nobody").contains("no unit \"nobody\""));
        try (TestDatabase empty = new TestDatabase()) {
            assertTrue(runErr(1, "report", "--db", empty.url()).contains("no stampbox_unit table"));
            assertEquals(0, empty.count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'stampbox_%'"), "report created tables");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertTrue(run(0, "run", "--help").contains("--client-id"));
        assertTrue(runErr(2, "run", "--db", db.url(), "--group", "a/b").contains("--group: must match"));
        String broker = runErr(1, "run", "--db", db.url(), "--url", "tcp://127.0.0.1:1");
        assertTrue(broker.startsWith("stampbox-ingest: broker tcp://127.0.0.1:1: "), broker);
        assertFalse(broker.contains("\tat "), broker);
        assertTrue(run(0, "--version").startsWith("stampbox-ingest "));
        assertEquals(2, Main.commandLine().execute("frobnicate"));
    }

    private static JsonNode report(String unit) throws Exception {
        return new ObjectMapper().readTree(run(0, "report", "--db", db.url(), "--unit", unit, "--json"));
    }

    private static String run(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        assertEquals(expected, line.execute(args), String.join(" ", args) + ": " + err);
        return out.toString();
    }

    private static String runErr(int expected, String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(new StringWriter(), true));
        line.setErr(new PrintWriter(err, true));
        assertEquals(expected, line.execute(args), String.join(" ", args) + ": " + err);
        return err.toString();
    }
}
