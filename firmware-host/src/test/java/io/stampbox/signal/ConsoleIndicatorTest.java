package io.stampbox.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.wire.Signal;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConsoleIndicatorTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // a large buffer and no autoflush: only the indicator's own flush makes a line visible
    private final PrintStream out =
            new PrintStream(new BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);
    private final ConsoleIndicator indicator = new ConsoleIndicator(out);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordedEventPrintsItsIdAndSeqAndIsFlushedAtOnce() {
        indicator.show(new Indication(Signal.ACCEPTED, "0190f3a2-7c1e-7b3a-9d2e-1a2b3c4d5e6f", 1234));
        assertEquals("SIGNAL accepted event=0190f3a2-7c1e-7b3a-9d2e-1a2b3c4d5e6f seq=1234\n", printed());
    }

    @Test
    void aSignalWithoutAnEventPrintsOnlyItsName() {
        indicator.show(Indication.of(Signal.REPEAT));
        indicator.show(Indication.of(Signal.VOUCHER_UNVERIFIED));
        assertEquals("SIGNAL repeat\nSIGNAL voucher-unverified\n", printed());
    }

    @Test
    void everySignalUsesItsContractName() {
        for (Signal signal : Signal.values()) {
            assertEquals("SIGNAL " + signal.wireName(), ConsoleIndicator.line(Indication.of(signal)));
        }
        assertEquals("SIGNAL fault", ConsoleIndicator.line(Indication.of(Signal.FAULT)));
        assertEquals("SIGNAL voucher-accepted", ConsoleIndicator.line(Indication.of(Signal.VOUCHER_ACCEPTED)));
    }

    @Test
    void stateChangesAndIdentifyPrintNothingOnTheSignalStream() {
        indicator.state(UnitState.SCANNER_DISCONNECTED);
        indicator.state(UnitState.READY);
        indicator.identify();
        indicator.close();
        assertEquals("", printed());
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        int threads = 8;
        int each = 250;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> {
                await(start);
                for (int i = 1; i <= each; i++) {
                    indicator.show(new Indication(Signal.ACCEPTED, "event-" + id + "-" + i, i));
                }
            }, "shower-" + t);
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(10_000);
        }
        String[] lines = printed().split("\n", -1);
        assertEquals(threads * each + 1, lines.length, "one line per show, then the final newline");
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(lines[i].matches("SIGNAL accepted event=event-\\d-(\\d+) seq=\\d+"), lines[i]);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
