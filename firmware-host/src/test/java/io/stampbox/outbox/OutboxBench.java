package io.stampbox.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Benchmark (not a test): commits/s, append latency and bytes written to disk per event, for the
 * outbox and for plain MapDB (transactional BTreeMap, commit per record) in the same run. Run with
 * {@code firmware-host/bench/outbox-bench.sh [dir] [events]}; dir must be on a real disk (not tmpfs).
 */
public final class OutboxBench {

    private OutboxBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "firmware-host/target/outbox-bench");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Files.createDirectories(root);
        System.out.println("| store | batch | events | commits/s | p50 ms | p99 ms "
                + "| write_bytes/event | 4 KiB pages/event |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int batch : new int[] {1, 10}) {
            run("MapDbOutbox", batch, events, outbox(fresh(root, "outbox-" + batch)));
        }
        run("plain MapDB tx (baseline)", 1, events, plainMapDb(fresh(root, "plain-1")));
    }

    interface Appender extends AutoCloseable {
        void append(List<StoredEvent> batch) throws Exception;
    }

    static Path fresh(Path root, String name) throws Exception {
        Path dir = root.resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    static Appender outbox(Path dir) throws Exception {
        MapDbOutbox box = MapDbOutbox.open(dir, 10_000_000, Clock.systemUTC());
        return new Appender() {
            @Override
            public void append(List<StoredEvent> batch) throws Exception {
                long seq = batch.get(0).seq();
                box.append(batch, Map.of("card-" + seq % 500, System.currentTimeMillis()));
            }

            @Override
            public void close() {
                box.close();
            }
        };
    }

    static Appender plainMapDb(Path dir) {
        DB db = DBMaker.fileDB(dir.resolve("plain.db").toFile()).fileChannelEnable()
                .transactionEnable().make();
        BTreeMap<Long, byte[]> map = db.treeMap("events", Serializer.LONG, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        return new Appender() {
            @Override
            public void append(List<StoredEvent> batch) {
                batch.forEach(e -> map.put(e.seq(), e.payload()));
                db.commit();
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    static void run(String label, int batch, int events, Appender appender) throws Exception {
        try (appender) {
            long seq = 1;
            for (int i = 0; i < 50; i++, seq += batch) {
                appender.append(batchOf(seq, batch));
            }
            int commits = events / batch;
            long[] latencies = new long[commits];
            long bytesBefore = writeBytes();
            long pagesBefore = JournaledVolume.PAGES_WRITTEN.sum();
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++, seq += batch) {
                List<StoredEvent> b = batchOf(seq, batch);
                long t0 = System.nanoTime();
                appender.append(b);
                latencies[i] = System.nanoTime() - t0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = writeBytes() - bytesBefore;
            long pages = JournaledVolume.PAGES_WRITTEN.sum() - pagesBefore;
            Arrays.sort(latencies);
            int n = commits * batch;
            System.out.printf("| %s | %d | %d | %.0f | %.2f | %.2f | %d | %s |%n", label, batch, n,
                    commits / seconds, latencies[commits / 2] / 1e6,
                    latencies[(int) (commits * 0.99)] / 1e6, bytes / n,
                    pages == 0 ? "n/a"
                            : String.format("%.2f (%d B)", (double) pages / n, pages * 4096 / n));
        }
    }

    static List<StoredEvent> batchOf(long from, int n) {
        List<StoredEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new StoredEvent(from + i, payload(from + i)));
        }
        return out;
    }

    /** A scan event as the contract's section 3.1 shapes it, about 300 bytes. */
    static byte[] payload(long seq) {
        String json = "{\"schema\":\"stampbox.scan.v1\",\"eventId\":\"01936b2e-7c1a-7def-8a3b-"
                + String.format("%012d", seq) + "\",\"deviceId\":\"counter-01\",\"storeId\":"
                + "\"store-042\",\"seq\":" + seq + ",\"kind\":\"stamp\",\"cardId\":\"CARD"
                + (seq % 500) + "\",\"code\":\"STAMPBOX:CARD" + (seq % 500) + "\",\"symbology\":"
                + "\"qr\",\"scannedAt\":\"2026-11-22T12:00:00.123Z\",\"clockSynced\":true,"
                + "\"configVersion\":7}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes this process caused to be sent to the storage layer (Linux /proc/self/io). */
    static long writeBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring(12).trim());
            }
        }
        return -1;
    }
}
