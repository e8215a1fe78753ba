package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.app.UnitProcess;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stampbox-fleet logs} against the whole unit (a child JVM) on a real mosquitto. */
@ProcessTest
@BrokerTest
@SlowTest
class FleetLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE = "LOY-SECRET-77123456";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run fleet(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config(String url) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, """
                {"device": {"id": "logs-unit", "store": "s"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "%s"}, "codes": {"cardPattern": "^CARD-(?<card>[A-Z0-9]{4,32})$"},
                 "mqtt": {"url": "%s"}, "feedback": {"platform": "console"}}
                """.formatted(dir.resolve("data"), url));
        return file;
    }

    @Test
    void aFollowShowsAScansMaskedLineWithinASecond() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
            unit.awaitReady();
            String url = "--url=" + broker.url();
            Await.until("the unit answers logs", Duration.ofSeconds(20),
                    () -> fleet(new StringWriter(), "logs", "logs-unit", url, "--timeout=2").exit() == 0, () -> unit.stderr());
            Run recent = fleet(new StringWriter(), "logs", "logs-unit", url, "--max=5");
            assertEquals(0, recent.exit(), recent.err());
            assertTrue(recent.out().contains("Unit: "), "the unit's start is in its ring: " + recent.out());
            Run level = fleet(new StringWriter(), "cmd", "logs-unit", "log-level", "--arg", "level=DEBUG", "--arg", "minutes=5", url);
            assertEquals(0, level.exit(), level.err());

            StringWriter followed = new StringWriter();
            CompletableFuture<Run> follow = CompletableFuture.supplyAsync(
                    () -> fleet(followed, "logs", "logs-unit", url, "--follow=6", "--json", "--max=1"));
            Await.until("the follow's first page", Duration.ofSeconds(10), () -> !followed.toString().isEmpty(),
                    followed::toString);
            Thread.sleep(300); // the follow's subscription and first tick are in place
            long typed = System.nanoTime();
            unit.type(CODE);
            assertTrue(unit.awaitSignal().startsWith("SIGNAL rejected"));
            Await.until("the scan's line on the follow", Duration.ofSeconds(1),
                    () -> followed.toString().contains("is neither a card nor a voucher"), followed::toString);
            long millis = (System.nanoTime() - typed) / 1_000_000;
            Run done = follow.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, done.exit(), done.err());
            JsonNode line = null;
            for (String text : done.out().split("\n")) {
                JsonNode parsed = JSON.readTree(text);
                if (parsed.path("message").asText().contains("is neither a card nor a voucher")) {
                    line = parsed;
                }
            }
            assertEquals("LO…56", line.path("message").asText().split(" ")[1], line.toString());
            assertEquals("DEBUG", line.path("level").asText());
            assertFalse(done.out().contains("SECRET"), "no unmasked code: " + done.out());
            assertFalse(unit.stderr().contains("SECRET"), "nor in the journal");
            System.out.println("scan to followed line: " + millis + " ms");

            Run bad = fleet(new StringWriter(), "logs", "logs-unit", url, "--level=LOUD");
            assertEquals(1, bad.exit());
            assertEquals("stampbox-fleet: logs on logs-unit failed: level: must be one of TRACE, DEBUG, INFO, WARN,"
                    + " ERROR, got \"LOUD\"", bad.err().strip());
            assertEquals(2, fleet(new StringWriter(), "logs", "logs-unit", url, "--since=yesterday").exit());
            assertEquals("DEBUG", level(url), "the level asked for, until its minutes are over");
        }
    }

    @Test
    void aRestartedUnitIsBackAtItsConfiguredLevel() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            String url = "--url=" + broker.url();
            try (UnitProcess unit = UnitProcess.start(config(broker.url()), dir)) {
                unit.awaitReady();
                Await.until("the unit answers", Duration.ofSeconds(20), () -> fleet(new StringWriter(), "cmd", "logs-unit",
                        "log-level", "--arg", "level=TRACE", "--arg", "minutes=60", url, "--timeout=2").exit() == 0,
                        unit::stderr);
                assertEquals("TRACE", level(url));
                assertEquals(0, fleet(new StringWriter(), "cmd", "logs-unit", "restart", url).exit());
                assertEquals(75, unit.awaitExit(Duration.ofSeconds(20)));
            }
            try (UnitProcess again = UnitProcess.start(config(broker.url()), dir)) {
                again.awaitReady();
                Await.until("the restarted unit answers", Duration.ofSeconds(20),
                        () -> fleet(new StringWriter(), "logs", "logs-unit", url, "--timeout=2").exit() == 0, again::stderr);
                assertEquals("INFO", level(url), "STAMPBOX_LOG_LEVEL unset: INFO");
            }
        }
    }

    /** The unit's level now, from a {@code logs} result. */
    private static String level(String url) throws Exception {
        Run result = fleet(new StringWriter(), "cmd", "logs-unit", "logs", "--arg", "max=1", url, "--json");
        assertEquals(0, result.exit(), result.err());
        return JSON.readTree(result.out()).path("result").path("level").asText();
    }
}
