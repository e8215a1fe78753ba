package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} on views that must not be believed: a dead process's, a stuck one's, not a view at all. */
class LiveViewTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int status(Path view) {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("status", "--state-file", view.toString(), "--config", dir.resolve("none.json").toString());
    }

    private Path view(long pid, String at) throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, """
                {"pid": %d, "at": "%s", "version": "dev", "deviceId": "till-1", "storeId": "s",
                 "bootedAt": "2020-01-01T00:00:00Z", "configVersion": 0, "layers": {"fleet": 0, "unit": 0},
                 "config": {"device.id": {"value": "till-1", "source": "file"}},
                 "scanner": {"type": "stdin", "connected": true}, "uplink": {"urls": [], "state": "OFFLINE"},
                 "outbox": {"depth": 2, "oldestPendingSeq": 7, "oldestPendingAt": "2020-01-01T00:00:00Z", "storage": "ok"},
                 "lastSignals": [], "counters": {"accepted": 9}}
                """.formatted(pid, at));
        return file;
    }

    @Test
    void aDeadProcesssViewIsStale() throws Exception {
        Path file = view(Integer.MAX_VALUE, "2026-11-30T10:00:00Z");
        assertEquals(1, status(file));
        assertEquals("stampbox-provision: " + file + " is stale: its unit (process " + Integer.MAX_VALUE
                + ") is no longer running (systemctl status stampbox)", err.toString().strip());
    }

    @Test
    void anOldViewOfALiveProcessSaysTheUnitMayBeStuck() throws Exception {
        assertEquals(0, status(view(ProcessHandle.current().pid(), "2020-01-01T00:00:00Z")), err.toString());
        assertTrue(out.toString().startsWith("unit till-1 (store s)"), out.toString());
        assertTrue(out.toString().contains("\n! the view is "), out.toString());
        assertTrue(out.toString().contains("outbox   2 pending, oldest seq 7 scanned 2020-01-01T00:00:00Z"), out.toString());
        assertTrue(out.toString().contains("uplink   OFFLINE (no mqtt.url: offline)"), out.toString());
    }

    @Test
    void notAViewIsSaid() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "[1, 2]");
        assertEquals(1, status(file));
        assertTrue(err.toString().startsWith("stampbox-provision: " + file + " is not a live view: "), err.toString());
        assertEquals(1, status(dir.resolve("missing.json")));
    }
}
