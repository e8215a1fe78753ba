package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.update.UpdatePorts;
import io.stampbox.update.Updater;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cmd/update}'s wiring: bounds first, then the updater; no fleet key, no update. */
class UpdateCommandsTest {

    @TempDir
    Path storage;

    private static ObjectNode args() {
        return new ObjectMapper().createObjectNode().put("version", "2.0.0").put("url", "https://127.0.0.1:1/p.deb")
                .put("sha256", "a".repeat(64)).put("size", 10).put("signature",
                        Base64.getEncoder().encodeToString(new byte[64]));
    }

    private UpdateCommands commands(boolean wired) throws Exception {
        UnitConfig config = ConfigLoader.parse("{\"device\": {\"id\": \"u1\", \"store\": \"s\"}, \"scanner\": {\"type\":"
                + " \"stdin\"}, \"codes\": {\"cardPattern\": \"^C.*$\"}, \"storage\": {\"dir\": \"" + storage + "\"}}");
        ManualScheduler time = new ManualScheduler();
        Updater updater = !wired ? null : new Updater(time, time.clock(), () -> config, new UpdatePorts() {
            public Instant lastScanAt() {
                return null;
            }

            public boolean working() {
                return false;
            }

            public String runningVersion() {
                return "1.0.0";
            }
        }, storage, Updater.RETRY_PAUSE);
        return new UpdateCommands(updater, () -> config);
    }

    @Test
    void boundsAreCheckedBeforeTheUpdater() throws Exception {
        CommandException e = assertThrows(CommandException.class, () -> commands(true).update(args().put("size", -1)));
        assertTrue(e.getMessage().startsWith("update refused: size:"), e.getMessage());
    }

    @Test
    void withoutAFleetKeyNothingIsDownloaded() throws Exception {
        CommandException e = assertThrows(CommandException.class, () -> commands(true).update(args()));
        assertEquals("update refused: no fleet key (setup.publicKeyFile) to check the order's signature with",
                e.getMessage());
    }

    @Test
    void aUnitWithoutUpdatesSaysSo() throws Exception {
        assertEquals("update refused: updates are not available on this unit",
                assertThrows(CommandException.class, () -> commands(false).update(args())).getMessage());
        assertEquals("update-cancel refused: updates are not available on this unit",
                assertThrows(CommandException.class, () -> commands(false).cancel()).getMessage());
        assertEquals("update-cancel refused: no update in progress",
                assertThrows(CommandException.class, () -> commands(true).cancel()).getMessage());
    }
}
