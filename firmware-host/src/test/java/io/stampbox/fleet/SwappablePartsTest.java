package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.wire.Signal;
import io.stampbox.scan.Scanner;
import io.stampbox.scan.ScannerListener;
import io.stampbox.signal.Indication;
import io.stampbox.signal.Indicator;
import io.stampbox.signal.UnitState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwappablePartsTest {

    private final List<String> log = new ArrayList<>();

    private final class Ind implements Indicator {
        final String name;

        Ind(String name) {
            this.name = name;
            log.add("open " + name);
        }

        @Override
        public void show(Indication indication) {
            log.add(name + " show " + indication.signal());
        }

        @Override
        public void state(UnitState state) {
            log.add(name + " state " + state);
        }

        @Override
        public void identify() {
            log.add(name + " identify");
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    private final class Scan implements Scanner {
        final String name;
        ScannerListener listener;

        Scan(String name) {
            this.name = name;
            log.add("new " + name);
        }

        @Override
        public void start(ScannerListener listener) {
            this.listener = listener;
            log.add("start " + name);
        }

        @Override
        public boolean connected() {
            return listener != null;
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    @Test
    void theOldIndicatorIsClosedBeforeTheNewOneOpensAndGetsTheStatusLight() {
        SwappableIndicator swappable = new SwappableIndicator(new Ind("a"));
        UnitState state = UnitState.values()[0];
        swappable.state(state);
        swappable.reopen(() -> new Ind("b"));
        swappable.show(Indication.of(Signal.values()[0]));
        swappable.identify();
        swappable.close();
        assertEquals(List.of("open a", "a state " + state, "close a", "open b", "b state " + state,
                "b show " + Signal.values()[0], "b identify", "close b"), log);
    }

    @Test
    void theNewScannerStartsWithTheSameListenerAfterTheOldOneClosed() {
        SwappableScanner swappable = new SwappableScanner(new Scan("a"));
        ScannerListener listener = new ScannerListener() {
            @Override
            public void onFrame(io.stampbox.scan.Frame frame) {}

            @Override
            public void onConnected(boolean connected) {}
        };
        swappable.start(listener);
        Scan[] next = new Scan[1];
        swappable.reopen(() -> next[0] = new Scan("b"));
        assertTrue(next[0].listener == listener && swappable.connected());
        swappable.close();
        swappable.reopen(() -> new Scan("c"));
        assertEquals(List.of("new a", "start a", "close a", "new b", "start b", "close b", "close b", "new c"), log);
        assertFalse(log.contains("start c"), "not started after close");
    }
}
