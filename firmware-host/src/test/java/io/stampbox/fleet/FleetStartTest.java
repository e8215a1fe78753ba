package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 2: a remote layer can never stop the unit from starting. */
class FleetStartTest {

    @TempDir
    Path dir;

    private Map<String, JsonNode> file() throws Exception {
        return ConfigLoader.flatten("""
                {"device": {"id": "u1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "feedback": {"platform": "none"}}""".formatted(dir));
    }

    private FleetStart boot() throws Exception {
        Map<String, JsonNode> file = file();
        return FleetStart.boot(file, ConfigLoader.fromLayers(file, Map.of(), Map.of(), 0));
    }

    @Test
    void aKeptLayerThatNoLongerValidatesIsDroppedAndReportedNotFatal() throws Exception {
        // as an older unit could have kept it: a 70,000-character topic root
        Layer brick = new Layer(7, Map.of("mqtt.topicRoot", TextNode.valueOf("r".repeat(70_000))));
        new StateStore(dir).save(new FleetState(new Layers(Layer.NONE, brick), Layers.NONE, 0, 0, null));
        FleetStart start = boot();
        assertEquals("stampbox/v1", start.config().mqtt().topicRoot());
        assertEquals(0, start.config().version());
        assertEquals(1, start.dropped().size());
        FleetStart.Dropped dropped = start.dropped().get(0);
        assertEquals(Scope.UNIT, dropped.scope());
        assertEquals(7, dropped.version());
        assertTrue(dropped.why().equals("dropped at boot: mqtt.topicRoot: must be at most 1024 characters, got 70000"), dropped.why());
        assertTrue(dropped.why().length() < 600, "the message is bounded");
        assertEquals(7, start.state().floor(Scope.UNIT), "never applied again");
    }

    @Test
    void aVersionLockKeptByAnOlderFirmwareIsForgotten() throws Exception {
        new StateStore(dir).save(new FleetState(Layers.NONE, Layers.NONE, Long.MAX_VALUE, 5, null));
        FleetStart start = boot();
        assertEquals(0, start.state().floor(Scope.FLEET));
        assertEquals(5, start.state().floor(Scope.UNIT), "a plausible floor stays");
    }

    @Test
    void layersThatNeverDeliverAcrossRepeatedRestartsAreDropped() throws Exception {
        Layer good = new Layer(3, Map.of("codes.cooldownSeconds", com.fasterxml.jackson.databind.node.LongNode.valueOf(5)));
        Layer trial = new Layer(4, Map.of("codes.cooldownSeconds", com.fasterxml.jackson.databind.node.LongNode.valueOf(9)));
        new StateStore(dir).save(new FleetState(new Layers(trial, Layer.NONE), new Layers(good, Layer.NONE), 0, 0, null));
        for (int boot = 1; boot <= FleetStart.MAX_TRIAL_BOOTS; boot++) {
            FleetStart start = boot();
            assertEquals(4, start.config().version(), "boot " + boot + " still tries the change");
            assertTrue(start.dropped().isEmpty());
        }
        FleetStart start = boot();
        UnitConfig config = start.config();
        assertEquals(3, config.version());
        assertEquals(5, config.codes().cooldownSeconds());
        assertEquals("rollback: the unit restarted 3 times with version 4 in effect and never delivered",
                start.dropped().get(0).why());
        assertEquals(4, start.state().floor(Scope.FLEET));
    }
}
