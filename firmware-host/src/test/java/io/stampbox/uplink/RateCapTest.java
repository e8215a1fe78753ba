package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.time.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqtt.rate}: the drain's publish rate measured from the broker side (a subscriber timestamps each
 * arrival) over a 10,000-event backlog is the cap within 5%, not far above cap + burst in any second, also
 * after the unit moved to another broker; scans are appended meanwhile without waiting for the cap.
 */
@BrokerTest
@SlowTest
class RateCapTest {

    private static final int CAP = 2_000;
    private static final int BURST = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aTenThousandEventBacklogDrainsAtTheCap() throws Exception {
        MemoryOutbox outbox = new MemoryOutbox();
        outbox.appendScans(10_000);
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("scan"), false)) {
            PahoUplink uplink = Units.uplink(Units.mqtt(broker.url()));
            Drainer drainer = new Drainer(outbox, uplink, new Metrics(), 64, Ticker.SYSTEM).rate(CAP, BURST);
            try {
                drainer.start();
                uplink.start();
                Await.until("the drain started", WAIT, () -> cloud.count() > 100);
                long slowest = 0;
                for (int i = 0; i < 500; i++) {
                    long t = System.nanoTime();
                    outbox.appendScans(1);
                    slowest = Math.max(slowest, System.nanoTime() - t);
                }
                assertTrue(slowest < 50_000_000, "an append waited " + slowest / 1_000_000 + " ms for the drain");
                Await.until("10,500 events at the broker", WAIT, () -> cloud.count() >= 10_500, () -> "" + cloud.count());
                assertEquals(10_500, cloud.count(), "each event once");
                assertAtTheCap(cloud.received());
            } finally {
                drainer.close();
                uplink.stop();
            }
        }
    }

    @Test
    void theDrainAfterAFailoverKeepsTheCap() throws Exception {
        MemoryOutbox outbox = new MemoryOutbox();
        outbox.appendScans(6_000);
        try (MosquittoBroker first = MosquittoBroker.builder(dir.resolve("a")).start();
                MosquittoBroker second = MosquittoBroker.builder(dir.resolve("b")).start();
                CloudSubscriber onFirst = new CloudSubscriber(first.url(), "cloud-a", Units.topic("scan"), false);
                CloudSubscriber onSecond = new CloudSubscriber(second.url(), "cloud-b", Units.topic("scan"), false)) {
            PahoUplink uplink = Units.uplink(Units.mqtt(first.url()).withUrls(List.of(first.url(), second.url())));
            Drainer drainer = new Drainer(outbox, uplink, new Metrics(), 64, Ticker.SYSTEM).rate(CAP, BURST);
            try {
                drainer.start();
                uplink.start();
                Await.until("2,000 events on the first broker", WAIT, () -> onFirst.count() >= 2_000);
                first.kill();
                Await.until("the rest on the second broker", WAIT, () -> outbox.depth() == 0,
                        () -> "outbox depth " + outbox.depth());
                // the killed broker takes with it what it had PUBACKed but not yet passed on (at most the drain's
                // window, uplink.md): everything else arrives, and the second broker got every seq above it
                java.util.Set<Long> seen = new java.util.TreeSet<>();
                onFirst.received().forEach(r -> seen.add(MemoryOutbox.seqOf(r.payload())));
                List<Long> onTheSecond = onSecond.received().stream().map(r -> MemoryOutbox.seqOf(r.payload())).toList();
                seen.addAll(onTheSecond);
                assertTrue(6_000 - seen.size() <= 64, (6_000 - seen.size()) + " events lost with the first broker");
                long from = onTheSecond.stream().min(Long::compare).orElseThrow();
                assertEquals(6_000 - from + 1, onTheSecond.stream().distinct().count(), "the second got every seq from " + from);
                assertAtTheCap(onSecond.received());
            } finally {
                drainer.close();
                uplink.stop();
            }
        }
    }

    /** The rate after the first burst is the cap within 5%; no one-second window holds much more than cap + burst. */
    private static void assertAtTheCap(List<CloudSubscriber.Received> arrivals) {
        int n = arrivals.size();
        // a bucket holding b <= burst tokens sends b at once, then one event per 1/cap: from the burst-th
        // arrival on the drain is at the cap whatever the bucket held (after a failover it held less, the
        // drain had spent tokens on publishes into the dead connection); the burst leaves slack for a
        // drain thread that wakes late
        long first = arrivals.get(BURST).arrivedNanos();
        long last = arrivals.get(n - 1).arrivedNanos();
        double rate = (n - 1 - BURST) / ((last - first) / 1e9);
        assertTrue(Math.abs(rate - CAP) <= CAP * 0.05, "measured " + Math.round(rate) + "/s over " + n
                + " arrivals, cap " + CAP + "/s");
        int most = 0;
        for (int i = 0, j = 0; i < n; i++) {
            while (arrivals.get(i).arrivedNanos() - arrivals.get(j).arrivedNanos() >= 1_000_000_000L) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        // arrival times are the subscriber's: on a loaded machine its thread stalls and then takes a bunch at
        // once (2,250 in one second seen once), so this bound is looser than what the unit sends
        assertTrue(most <= (CAP + BURST) * 1.25, most + " arrivals within one second, cap " + CAP + " + burst " + BURST);
        System.out.printf("rate cap %d/s burst %d: measured %.1f/s over %d arrivals, at most %d in any second%n",
                CAP, BURST, rate, n, most);
    }
}
