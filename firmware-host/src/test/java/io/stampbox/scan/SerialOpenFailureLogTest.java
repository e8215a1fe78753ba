package io.stampbox.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stampbox.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A scanner that cannot be opened says so and why, at once and again when the reason changes (the device is
 * back but cannot be used), with errno names instead of numbers; "ready to scan" only once it is open.
 */
class SerialOpenFailureLogTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger readerLog = (Logger) LoggerFactory.getLogger(SerialReader.class);
    private SerialScanner scanner;

    @BeforeEach
    void captureLog() {
        logged.start();
        readerLog.addAppender(logged);
    }

    @AfterEach
    void release() throws Exception {
        if (scanner != null) {
            scanner.close();
        }
        readerLog.detachAppender(logged);
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aMissingDeviceThenOneThatIsNotATerminalAreEachSaidOnce() throws Exception {
        Path device = dir.resolve("scanner");
        scanner = new SerialScanner(device.toString(), 115200, 256, Clock.systemUTC(), SerialReader.reopenBackoff());
        scanner.start(new RecordingListener());
        Await.until("the first failure logged", Duration.ofSeconds(5), () -> !lines().isEmpty(), () -> lines().toString());
        assertEquals("scanner " + device + ": not open (no such device); no scans until it opens, trying again with"
                + " backoff up to 5000 ms", lines().get(0));
        Files.writeString(device, "not a tty");
        Await.until("the new reason logged", Duration.ofSeconds(10), () -> lines().size() >= 2, () -> lines().toString());
        assertTrue(lines().get(1).startsWith("scanner " + device + ": still not open (cannot open: "), lines().toString());
        assertTrue(lines().get(1).matches(".*\\(cannot open: E[A-Z]+ \\(.*"), "an errno name: " + lines());
        Thread.sleep(1_000);
        assertEquals(2, lines().size(), "the same reason is not logged again: " + lines());
        assertTrue(lines().stream().noneMatch(l -> l.contains("ready to scan")), lines().toString());
    }

    @Test
    void errnoNumbersHaveNames() {
        assertEquals("EIO", Errno.name(5));
        assertEquals("EAGAIN", Errno.name(11));
        assertEquals("EBUSY (device or resource busy: another program holds it)", Errno.describe(16));
        assertTrue(Errno.describe(13).startsWith("EACCES (permission denied"));
        assertEquals("ENOENT", Errno.name(2));
        assertEquals("errno 999", Errno.describe(999));
    }
}
