package io.stampbox.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private static final long PID = 4242;
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    private Watchdog watchdog(Map<String, String> env) {
        return Watchdog.fromEnvironment(env, PID, healthy::get, notifier);
    }

    @Test
    void doesNothingOutsideSystemd() {
        Watchdog w = watchdog(Map.of("WATCHDOG_USEC", "30000000"));
        w.start();
        w.stop();
        assertFalse(w.enabled());
        assertEquals(List.of(), notifier.sent());
    }

    @Test
    void feedsThreeTimesPerWatchdogPeriod() {
        Watchdog w = watchdog(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000"));
        assertTrue(w.enabled());
        assertEquals(10_000, w.intervalMs());
    }

    @Test
    void ignoresAWatchdogMeantForAnotherProcess() {
        Watchdog w = watchdog(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000",
                "WATCHDOG_PID", "1"));
        assertEquals(0, w.intervalMs());
        assertEquals(10_000, watchdog(Map.of("NOTIFY_SOCKET", "x", "WATCHDOG_USEC", "30000000",
                "WATCHDOG_PID", Long.toString(PID))).intervalMs());
    }

    @Test
    void readyWithoutWatchdogSendsReadyOnly() {
        Watchdog w = watchdog(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"));
        w.start();
        w.stop();
        assertEquals(List.of("READY=1 STATUS=taking scans", "STOPPING=1 STATUS=stopping"), notifier.sent());
    }

    @Test
    void feedsOnlyWhileHealthyAndSaysWhenHealthChanges() {
        Watchdog w = watchdog(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000"));
        w.tick();
        w.tick();
        healthy.set(false);
        w.tick();
        w.tick();
        healthy.set(true);
        w.tick();
        assertEquals(List.of(
                "WATCHDOG=1 STATUS=taking scans",
                "WATCHDOG=1",
                "STATUS=scan pipeline unhealthy, watchdog not fed",
                "WATCHDOG=1 STATUS=taking scans"), notifier.sent());
    }

    @Test
    void aThrowingHealthCheckCountsAsUnhealthy() {
        Watchdog w = Watchdog.fromEnvironment(Map.of("NOTIFY_SOCKET", "x", "WATCHDOG_USEC", "3000000"), PID,
                () -> {
                    throw new IllegalStateException("boom");
                }, notifier);
        w.tick();
        assertEquals(List.of("STATUS=scan pipeline unhealthy, watchdog not fed"), notifier.sent());
    }

    @Test
    void aFailingNotifierIsNotFatalAndRecovers() {
        Watchdog w = watchdog(Map.of("NOTIFY_SOCKET", "x", "WATCHDOG_USEC", "3000000"));
        notifier.failing(true);
        w.tick();
        w.tick();
        notifier.failing(false);
        w.tick();
        assertEquals(List.of("WATCHDOG=1"), notifier.sent());
    }

    @Test
    void startFeedsOnItsOwnThreadUntilStopped() throws Exception {
        Watchdog w = watchdog(Map.of("NOTIFY_SOCKET", "x", "WATCHDOG_USEC", "30000"));
        w.start();
        Await.until("three WATCHDOG=1", Duration.ofSeconds(5),
                () -> notifier.sent().stream().filter(s -> s.startsWith("WATCHDOG=1")).count() >= 3,
                () -> "fed: " + notifier.sent());
        w.stop();
        List<String> sent = notifier.sent();
        assertEquals("READY=1 STATUS=taking scans", sent.get(0));
        assertEquals("STOPPING=1 STATUS=stopping", sent.get(sent.size() - 1));
    }
}
