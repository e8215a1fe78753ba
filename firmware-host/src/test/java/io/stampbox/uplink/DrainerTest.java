package io.stampbox.uplink;

import io.stampbox.time.Ticker;
import io.stampbox.testing.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.MemoryOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final FakeUplink uplink = new FakeUplink();
    private final Metrics metrics = new Metrics();
    private Drainer drainer;

    private void startDrainer(int window) {
        startDrainer(window, Ticker.SYSTEM);
    }

    private void startDrainer(int window, Ticker ticker) {
        drainer = new Drainer(outbox, uplink, metrics, window, ticker);
        drainer.start();
    }

    @AfterEach
    void closeDrainer() {
        drainer.close();
    }

    private static long seqOf(FakeUplink.Sent sent) {
        return MemoryOutbox.seqOf(sent.payload());
    }

    @Test
    void sendsInSeqOrderAtQos1OnScanAndNeverMoreThanTheWindow() {
        outbox.appendScans(100);
        startDrainer(10);
        uplink.connect();

        Await.until("a full window", WAIT, () -> uplink.sent().size() == 10);
        List<FakeUplink.Sent> sent = uplink.sent();
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1, seqOf(sent.get(i)));
            assertEquals("scan", sent.get(i).subtopic());
            assertEquals(1, sent.get(i).qos());
        }
        assertEquals(10, uplink.sent().size(), "nothing beyond the window before a PUBACK");
    }

    @Test
    void acknowledgesOnlyTheContiguousPrefixOfPubacks() {
        outbox.appendScans(5);
        startDrainer(5);
        uplink.connect();
        Await.until("5 sent", WAIT, () -> uplink.sent().size() == 5);
        List<FakeUplink.Sent> sent = uplink.sent();

        sent.get(1).ack().complete(null);
        sent.get(2).ack().complete(null);
        sent.get(4).ack().complete(null);
        sent.get(0).ack().complete(null);

        Await.until("prefix 1..3 acknowledged", WAIT, () -> outbox.acknowledgedThrough() == 3);
        assertEquals(2, outbox.depth());
        sent.get(3).ack().complete(null);
        Await.until("all acknowledged", WAIT, () -> outbox.acknowledgedThrough() == 5);
        assertEquals(5, metrics.get(Metrics.Tally.PUBLISHED));
    }

    @Test
    void afterADropResendsFromTheFirstUnacknowledgedWithTheSameBytes() {
        outbox.appendScans(6);
        startDrainer(4);
        uplink.connect();
        Await.until("4 sent", WAIT, () -> uplink.sent().size() == 4);
        List<FakeUplink.Sent> first = uplink.sent();
        first.get(0).ack().complete(null);
        first.get(1).ack().complete(null);
        first.get(3).ack().complete(null);
        Await.until("prefix 1..2 and the window refilled with 5, 6", WAIT,
                () -> outbox.acknowledgedThrough() == 2 && uplink.sent().size() == 6);

        uplink.drop();
        uplink.connect();

        Await.until("resend of 3..6", WAIT, () -> uplink.sent().size() == 10,
                () -> uplink.sent().stream().map(DrainerTest::seqOf).toList().toString());
        List<FakeUplink.Sent> resent = uplink.sent().subList(6, 10);
        assertEquals(List.of(3L, 4L, 5L, 6L), resent.stream().map(DrainerTest::seqOf).toList());
        assertArrayEquals(first.get(2).payload(), resent.get(0).payload());
        assertEquals(2, outbox.acknowledgedThrough());
    }

    @Test
    void aFailedPublishWhileConnectedIsResentInOrder() {
        outbox.appendScans(3);
        startDrainer(3);
        uplink.connect();
        Await.until("3 sent", WAIT, () -> uplink.sent().size() == 3);
        List<FakeUplink.Sent> first = uplink.sent();
        first.get(0).ack().complete(null);
        first.get(1).ack().completeExceptionally(new UplinkException("timed out"));
        first.get(2).ack().complete(null);

        Await.until("resend of 2..3", WAIT, () -> uplink.sent().size() == 5);
        assertEquals(List.of(2L, 3L), uplink.sent().subList(3, 5).stream().map(DrainerTest::seqOf).toList());
        assertEquals(1, outbox.acknowledgedThrough());
    }

    @Test
    void anAppendWhileTheDrainerStartsIsNotSkipped() {
        outbox.afterOldestPendingSeq(() -> outbox.appendScans(3));
        startDrainer(8);
        uplink.connect();

        Await.until("3 sent", WAIT, () -> uplink.sent().size() == 3);
        assertEquals(List.of(1L, 2L, 3L), uplink.sent().stream().map(DrainerTest::seqOf).toList());
    }

    @Test
    void aFailingOutboxReadIsRetriedAndTheDrainGoesOn() {
        outbox.appendScans(2);
        outbox.failNextReads(1);
        startDrainer(8);
        uplink.connect();

        Await.until("2 sent after the retry", WAIT, () -> uplink.sent().size() == 2);
        assertEquals(List.of(1L, 2L), uplink.sent().stream().map(DrainerTest::seqOf).toList());
    }

    @Test
    void wakesOnAppendWithoutPolling() {
        startDrainer(8);
        uplink.connect();
        Await.until("connected drainer read once", WAIT, () -> outbox.reads() >= 1);
        int readsWhenIdle = settledReads(); // start and connect may each wake it once

        outbox.appendScans(1);

        Await.until("the appended event sent", WAIT, () -> uplink.sent().size() == 1);
        assertEquals(1, seqOf(uplink.sent().get(0)));
        assertEquals(readsWhenIdle + 1, outbox.reads(), "one read per wake-up, no polling");
    }

    /** The read count once no read happened for 300 ms: the drainer is idle. */
    private int settledReads() {
        int reads;
        do {
            reads = outbox.reads();
            int before = reads;
            Await.within(Duration.ofMillis(300), () -> outbox.reads() != before);
        } while (outbox.reads() != reads);
        return reads;
    }

    /**
     * The 30 s resend without a PUBACK, on a manual ticker: the test moves time and wakes the drainer
     * ({@code flush}); an appended event (seq 4) shows that a pass ran without resending.
     */
    @Test
    void withEventsInFlightAndNoPubackFor30SecondsItResendsFromTheFirstUnacknowledged() {
        ManualScheduler time = new ManualScheduler();
        outbox.appendScans(3);
        startDrainer(4, time);
        uplink.connect();
        Await.until("3 sent", WAIT, () -> uplink.sent().size() == 3);

        time.advance(29_999);
        outbox.appendScans(1);
        Await.until("seq 4 sent", WAIT, () -> uplink.sent().size() == 4);
        assertEquals(List.of(1L, 2L, 3L, 4L), uplink.sent().stream().map(DrainerTest::seqOf).toList(),
                "no resend within 30 s");

        Await.until("resent after 30 s", WAIT, () -> { // time moves 100 ms a look, each look wakes the drainer
            time.advance(100);
            drainer.flush();
            return uplink.sent().size() == 8;
        });
        assertTrue(time.now() >= 31_000, "30 s without a PUBACK, then the 1 s pause after a broken round: "
                + time.now());
        List<FakeUplink.Sent> sent = uplink.sent();
        assertEquals(List.of(1L, 2L, 3L, 4L, 1L, 2L, 3L, 4L), sent.stream().map(DrainerTest::seqOf).toList());
        assertArrayEquals(sent.get(0).payload(), sent.get(4).payload(), "the same stored bytes");
        sent.subList(4, 8).forEach(s -> s.ack().complete(null));
        Await.until("all acknowledged", WAIT, () -> outbox.acknowledgedThrough() == 4);
    }

    @Test
    void sendsNothingWhileDisconnectedAndTracksTheOldestPending() {
        startDrainer(8);
        assertNull(drainer.oldestPendingAt());
        outbox.appendScans(3);

        Await.until("oldest pending known", WAIT, () -> drainer.oldestPendingAt() != null);
        assertEquals(Instant.ofEpochSecond(1_790_000_001L), drainer.oldestPendingAt());
        assertEquals(0, uplink.sent().size());

        uplink.connect();
        Await.until("3 sent", WAIT, () -> uplink.sent().size() == 3);
        uplink.sent().get(0).ack().complete(null);
        Await.until("oldest moves on", WAIT,
                () -> Instant.ofEpochSecond(1_790_000_002L).equals(drainer.oldestPendingAt()));
        uplink.sent().get(1).ack().complete(null);
        uplink.sent().get(2).ack().complete(null);
        Await.until("nothing pending", WAIT, () -> drainer.oldestPendingAt() == null);
    }

    /**
     * {@code mqtt.rate} on a manual ticker: a full bucket's burst at once, then exactly one event per
     * 1/perSecond, and never more than the burst however long the drain was held back.
     */
    @Test
    void theRateCapLetsABurstGoThenExactlyTheRate() {
        ManualScheduler time = new ManualScheduler();
        outbox.appendScans(100);
        drainer = new Drainer(outbox, uplink, metrics, 50, time).rate(10, 5);
        drainer.start();
        uplink.connect();
        Await.until("the burst", WAIT, () -> uplink.sent().size() == 5);
        drainer.flush();
        time.advance(99);
        drainer.flush();
        settle();
        assertEquals(5, uplink.sent().size(), "no token before 100 ms");
        time.advance(1);
        drainer.flush();
        Await.until("one more after 100 ms", WAIT, () -> uplink.sent().size() == 6);
        time.advance(1_000);
        drainer.flush();
        Await.until("a second's ten tokens, but at most the burst of five", WAIT, () -> uplink.sent().size() == 11);
        uplink.sent().forEach(s -> s.ack().complete(null)); // else 30 s without a PUBACK means a resend
        Await.until("acknowledged", WAIT, () -> outbox.acknowledgedThrough() == 11);
        time.advance(60_000);
        drainer.flush();
        Await.until("a full bucket after a long wait", WAIT, () -> uplink.sent().size() == 16);
        time.advance(99);
        drainer.flush();
        settle();
        assertEquals(16, uplink.sent().size(), "no token within 99 ms");
        assertEquals(LongStream.rangeClosed(1, 16).boxed().toList(),
                uplink.sent().stream().map(DrainerTest::seqOf).toList(), "in seq order, each once");
    }

    /** Real time for the woken drainer to make its pass (a manual ticker does not move meanwhile). */
    private static void settle() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
