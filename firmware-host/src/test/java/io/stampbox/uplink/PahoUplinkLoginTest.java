package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@BrokerTest
class PahoUplinkLoginTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger uplinkLog = (Logger) LoggerFactory.getLogger(PahoUplink.class);
    private PahoUplink uplink;

    @BeforeEach
    void captureLog() {
        logged.start();
        uplinkLog.addAppender(logged);
    }

    @AfterEach
    void stopUnit() {
        if (uplink != null) {
            uplink.stop();
        }
        uplinkLog.detachAppender(logged);
    }

    @Test
    void aRefusedLoginIsReportedOnceWhileRetriesGoOnThenTheRightPasswordConnects() {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).user("unit-1", "s3cret").start()) {
            AtomicInteger attempts = new AtomicInteger();
            uplink = Units.uplink(new UnitConfig.Mqtt(broker.url(), Units.ROOT, "unit-1", "wrong", null));
            uplink.addListener((state, reason) -> {
                if (state == UplinkState.CONNECTING) {
                    attempts.incrementAndGet();
                }
            });
            uplink.start();

            Await.until("four refused attempts", WAIT, () -> attempts.get() >= 4 && uplink.state() == UplinkState.BACKING_OFF);
            assertTrue(uplink.lastError().startsWith("login refused"), uplink.lastError());
            long warnings = logged.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("login refused"))
                    .count();
            assertEquals(1, warnings, "reported once per change of state, not per attempt");
            uplink.stop();

            uplink = Units.uplink(new UnitConfig.Mqtt(broker.url(), Units.ROOT, "unit-1", "s3cret", null));
            uplink.start();
            Await.until("connected with the right password", WAIT, uplink::connected);
            assertTrue(logged.list.stream().noneMatch(e -> e.getFormattedMessage().contains("s3cret")), "no password in logs");
        }
    }
}
