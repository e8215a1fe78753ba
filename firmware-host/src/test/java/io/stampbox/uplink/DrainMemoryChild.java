package io.stampbox.uplink;

import io.stampbox.time.Ticker;
import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.FilledOutbox;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import io.stampbox.outbox.MapDbOutbox;

/**
 * Run by {@link DrainBenchmark} in a child JVM with a small heap: fills a MapDbOutbox in {@code args[2]}
 * with {@code args[1]} events, drains them to the broker at {@code args[0]} and prints
 * {@code DONE <msg/s> <max heap used MB>}.
 */
public final class DrainMemoryChild {

    private DrainMemoryChild() {}

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[1]);
        MapDbOutbox outbox = FilledOutbox.open(Path.of(args[2]), count);
        System.out.println("FILLED " + outbox.depth());
        PahoUplink uplink = new PahoUplink(Units.device(), Units.mqtt(args[0]), Units.status(), Units.quick());
        Drainer drainer = new Drainer(outbox, uplink, new Metrics(), 64, Ticker.SYSTEM);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        uplink.start();
        Await.until("connected", Duration.ofSeconds(10), uplink::connected);
        long start = System.nanoTime();
        drainer.start();
        long maxUsed = 0;
        while (outbox.depth() > 0) {
            maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(50);      // sampling period of the heap gauge
            } catch (InterruptedException e) {
                return;
            }
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        drainer.close();
        uplink.stop();
        outbox.close();
        System.out.printf(java.util.Locale.ROOT, "DONE %.0f %.1f%n", rate, maxUsed / 1048576.0);
    }
}
