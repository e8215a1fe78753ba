package io.stampbox.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class OpenGuardTest {

    @Test
    void anOpenThatHangsIsGivenUpAfterTheTimeoutAndNamed() {
        CountDownLatch never = new CountDownLatch(1);
        TimeoutException e = assertThrows(TimeoutException.class, () -> OpenGuard.withTimeout(() -> {
            never.await();
            return "opened";
        }, Duration.ofMillis(200), "outbox-open-test", "outbox store /x/seg.db"));
        assertTrue(e.getMessage().startsWith("outbox store /x/seg.db: open did not finish"),
                e.getMessage());
    }

    @Test
    void anOpenThatFailsPassesItsExceptionOn() {
        IOException e = assertThrows(IOException.class, () -> OpenGuard.withTimeout(() -> {
            throw new IOException("broken");
        }, Duration.ofSeconds(10), "outbox-open-test", "outbox store /x/seg.db"));
        assertEquals("broken", e.getMessage());
    }

    @Test
    void anOpenThatWorksReturnsItsResult() throws Exception {
        assertEquals("opened", OpenGuard.withTimeout(() -> "opened", Duration.ofSeconds(10),
                "outbox-open-test", "outbox store /x/seg.db"));
    }
}
