package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void keptStateReadsBackWhole() throws Exception {
        StateStore store = new StateStore(dir);
        assertEquals(FleetState.EMPTY, store.load());
        Layers applied = new Layers(new Layer(4, Map.of("codes.cardPattern", TextNode.valueOf("^L-\\d+$"))),
                new Layer(7, Map.of("scanner.baud", IntNode.valueOf(115200))));
        FleetState state = new FleetState(applied, Layers.NONE, 0, 9, Reports.applied(applied, Instant.EPOCH, "h"));
        store.save(state);
        store.save(state);
        FleetState loaded = store.load();
        assertEquals(state.applied(), loaded.applied());
        assertEquals(state.connected(), loaded.connected());
        assertEquals(state.reported().toString(), loaded.reported().toString());
        assertFalse(Files.exists(store.file().resolveSibling("applied.json.tmp")));
        assertEquals(9, store.load().floor(Scope.UNIT));
        assertEquals(4, store.load().floor(Scope.FLEET));
        assertEquals(7, applied.version());
    }

    @Test
    void theHashIsOfTheSortedEffectiveKeys() {
        String a = Reports.hash(Map.of("b", IntNode.valueOf(1), "a", TextNode.valueOf("x")));
        String b = Reports.hash(new java.util.LinkedHashMap<>(Map.of("a", TextNode.valueOf("x"), "b", IntNode.valueOf(1))));
        assertEquals(a, b);
        assertEquals(64, a.length());
        assertNotEquals(a, Reports.hash(Map.of("a", TextNode.valueOf("x"), "b", IntNode.valueOf(2))));
    }
}
