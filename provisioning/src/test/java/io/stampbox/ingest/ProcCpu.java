package io.stampbox.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU of a group of processes from /proc (utime + stime, fields 14 and 15 of /proc/PID/stat), sampled once a second
 * on a daemon thread: the busiest second (in % of one core, summed over the group) and the total. The pids are asked
 * for at each sample, so processes restarted meanwhile are followed.
 */
final class ProcCpu implements AutoCloseable {

    private static final double TICKS = 100; // USER_HZ

    private final Supplier<List<Long>> pids;
    private final Thread thread;
    private final Map<Long, Long> last = new HashMap<>();
    private volatile boolean closed;
    private volatile double peakPercent;
    private volatile long totalTicks;

    ProcCpu(String name, Supplier<List<Long>> pids) {
        this.pids = pids;
        sample();
        thread = new Thread(this::run, "cpu-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long before = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long ticks = sample();
            totalTicks += ticks;
            peakPercent = Math.max(peakPercent, ticks / TICKS * 100 / ((now - before) / 1e9));
            before = now;
        }
    }

    /** Ticks used since the previous sample by the current pids (a new pid counts from 0: its whole life). */
    private long sample() {
        long sum = 0;
        for (long pid : pids.get()) {
            long now = ticks(pid);
            if (now >= 0) {
                sum += now - last.getOrDefault(pid, 0L);
                last.put(pid, now);
            }
        }
        return sum;
    }

    double peakPercent() {
        return peakPercent;
    }

    double totalSeconds() {
        return totalTicks / TICKS;
    }

    /** utime + stime of {@code pid} in clock ticks, -1 when it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The pids whose command line contains {@code part} (e.g. a mosquitto's config file name). */
    static List<Long> find(String part) {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("cmdline")).replace('\0', ' ').contains(part);
                } catch (IOException gone) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(2000);
    }
}
