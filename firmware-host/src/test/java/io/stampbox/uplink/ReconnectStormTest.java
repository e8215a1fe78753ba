package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconnect storm in small: 20 units on one mosquitto, the broker gone for 6 s, back on the same port.
 * Every unit comes back (none gives up), spread over the backoff interval by full jitter rather than all
 * in the same instant.
 */
@BrokerTest
@SlowTest
class ReconnectStormTest {

    private static final int UNITS = 20;

    @TempDir
    Path dir;

    @Test
    void unitsComeBackSpreadOutAndNoneGivesUp() throws Exception {
        List<PahoUplink> units = new ArrayList<>();
        ConcurrentHashMap<Integer, Long> back = new ConcurrentHashMap<>();
        AtomicLong restartedAt = new AtomicLong(Long.MAX_VALUE);
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            UplinkOptions options = UplinkOptions.defaults().withBackoff(Duration.ofMillis(500), Duration.ofSeconds(4))
                    .withConnectTimeout(Duration.ofSeconds(2));
            for (int i = 0; i < UNITS; i++) {
                int unit = i;
                PahoUplink uplink = new PahoUplink(new UnitConfig.Device("storm-" + i, "store-9"), Units.mqtt(broker.url()),
                        Units.status(), options);
                uplink.addListener((state, reason) -> {
                    if (state == UplinkState.CONNECTED && System.nanoTime() > restartedAt.get()) {
                        back.putIfAbsent(unit, System.nanoTime());
                    }
                });
                units.add(uplink);
                uplink.start();
            }
            Await.until("every unit connected", Duration.ofSeconds(20), () -> units.stream().allMatch(PahoUplink::connected));
            broker.kill();
            Thread.sleep(6_000);
            restartedAt.set(System.nanoTime());
            broker.launch();
            Await.until("every unit back", Duration.ofSeconds(20), () -> back.size() == UNITS, () -> back.size() + " back");

            List<Long> millis = back.values().stream().map(t -> (t - restartedAt.get()) / 1_000_000).sorted().toList();
            long spread = millis.get(UNITS - 1) - millis.get(0);
            int most = 0;
            for (int i = 0, j = 0; i < UNITS; i++) {
                while (millis.get(i) - millis.get(j) > 200) {
                    j++;
                }
                most = Math.max(most, i - j + 1);
            }
            System.out.println("storm: back after (ms) " + millis + ", spread " + spread + " ms, at most " + most
                    + " within 200 ms");
            assertTrue(spread >= 1_000, "back within " + spread + " ms of each other: " + millis);
            assertTrue(most <= UNITS / 2, most + " units back within 200 ms: " + millis);
        } finally {
            units.forEach(PahoUplink::stop);
        }
    }
}
