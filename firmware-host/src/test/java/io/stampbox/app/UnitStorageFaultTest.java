package io.stampbox.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.Await;
import io.stampbox.testing.ProcessTest;
import io.stampbox.testing.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage that cannot be used: the unit keeps running, says so, signals fault, and recovers. */
@ProcessTest
@SlowTest
class UnitStorageFaultTest {

    @TempDir
    Path dir;

    @Test
    void anUnusableStorageDirGivesFaultUntilItWorks() throws Exception {
        Path blocker = dir.resolve("blocked");
        Files.writeString(blocker, "a file where the storage dir should be");
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(UnitConfigs.stdin(dir.resolve("cfg")))
                .replace(dir.resolve("cfg").resolve("data").toString(), blocker.resolve("data").toString()));
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            unit.type("CARD-AAAA");
            assertEquals("SIGNAL fault", unit.awaitSignal());
            assertTrue(unit.stderr().contains("cannot open the outbox"), unit.stderr());
            Files.delete(blocker);
            AtomicInteger n = new AtomicInteger();
            Await.until("storage to come back", Duration.ofSeconds(30), Duration.ofMillis(500), () -> {
                unit.type("CARD-B%03d".formatted(n.getAndIncrement()));
                String signal = unit.awaitSignal();
                if (signal.startsWith("SIGNAL accepted")) {
                    assertTrue(signal.endsWith("seq=1"), signal);
                    return true;
                }
                assertEquals("SIGNAL fault", signal);
                return false;
            }, unit::stderr);
            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
        }
    }

    @Test
    void aCorruptStoreIsMovedAsideAndTheUnitSaysSo() throws Exception {
        Path config = UnitConfigs.stdin(dir);
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            unit.type("CARD-AAAA");
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"));
            unit.signal("TERM");
            assertEquals(0, unit.awaitExit(Duration.ofSeconds(20)));
        }
        List<Path> stores;
        try (Stream<Path> files = Files.list(dir.resolve("data/outbox"))) {
            stores = files.filter(p -> p.getFileName().toString().endsWith(".db")).toList();
        }
        assertEquals(1, stores.size(), stores.toString());
        Files.write(stores.get(0), "this is no MapDB store".repeat(200).getBytes(StandardCharsets.US_ASCII));
        Files.deleteIfExists(Path.of(stores.get(0) + ".log"));
        try (UnitProcess unit = UnitProcess.start(config, dir)) {
            unit.awaitReady();
            assertTrue(unit.stderr().contains("STORAGE_FAULT"), "status light: " + unit.stderr());
            unit.type("CARD-BBBB");
            assertTrue(unit.awaitSignal().startsWith("SIGNAL accepted"), "a fresh store takes scans");
            try (Stream<Path> files = Files.list(dir.resolve("data/outbox"))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().contains(".corrupt-")),
                        "the corrupt store is kept aside");
            }
        }
    }
}
