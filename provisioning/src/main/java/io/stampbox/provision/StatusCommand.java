package io.stampbox.provision;

import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.toolkit.Exit;
import io.stampbox.wire.UnitSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: the running unit as it sees itself (its live view), without stopping or touching it:
 * identity and version, scanner, uplink, outbox depth and oldest pending, the last signals, and the
 * effective configuration with the layer each value comes from.
 */
@Command(name = "status", description = "Show the running unit: configuration and where each value comes from, scanner,"
        + " uplink, outbox, last signals. The service keeps running.")
final class StatusCommand implements Callable<Integer> {

    /** Older than this, a view whose process lives is suspicious: it is rewritten at least every 30 s. */
    static final long STALE_SECONDS = 90;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "/etc/stampbox/config.json", description = "default: ${DEFAULT-VALUE}")
    Path config;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "the unit's live view; default: /run/stampbox/state.json, else storage.dir/run/state.json")
    Path stateFile;

    @Option(names = "--json", description = "print the live view as the unit wrote it (one JSON document)")
    boolean json;

    Path proc = Path.of("/proc");

    @Override
    public Integer call() {
        LiveView.Read view = LiveView.read(LiveView.locate(stateFile, storageDir(config)), proc);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(view.raw());
        } else {
            print(view.snapshot(), out);
        }
        out.flush();
        return Exit.OK;
    }

    /** storage.dir of the config file, or null when it cannot be read (the systemd path is tried then). */
    static Path storageDir(Path config) {
        try {
            return ConfigLoader.load(config).storage().dir();
        } catch (ConfigException | RuntimeException e) {
            return null;
        }
    }

    static void print(UnitSnapshot s, PrintWriter out) {
        Instant at = s.at() == null ? Instant.now() : Instant.parse(s.at());
        out.println("unit " + s.deviceId() + " (store " + s.storeId() + "), stampbox-host " + s.version() + ", pid "
                + s.pid() + ", running since " + s.bootedAt() + "; as of " + s.at());
        UnitSnapshot.Scanner sc = s.scanner();
        long age = Duration.between(at, Instant.now()).toSeconds();
        if (age > STALE_SECONDS) {
            out.println("! the view is " + age + " s old (the unit rewrites it at least every 30 s): the unit may be stuck;"
                    + " journalctl -u stampbox");
        }
        out.println("scanner  " + sc.type() + (sc.port() == null ? "" : " " + sc.port()) + ": "
                + (sc.connected() ? "open" : "NOT OPEN"));
        UnitSnapshot.Uplink up = s.uplink();
        out.println("uplink   " + up.state() + (up.urls().isEmpty() ? " (no mqtt.url: offline)" : " " + String.join(", ", up.urls()))
                + (up.lastError() == null ? "" : "; last error: " + up.lastError()));
        UnitSnapshot.Outbox ob = s.outbox();
        out.println("outbox   " + (ob.depth() == null ? "unavailable" : ob.depth() + " pending")
                + (ob.oldestPendingSeq() == null ? "" : ", oldest seq " + ob.oldestPendingSeq()
                        + (ob.oldestPendingAt() == null ? "" : " scanned " + ob.oldestPendingAt() + " ("
                        + age(Instant.parse(ob.oldestPendingAt()), at) + " before)"))
                + "; storage " + ob.storage());
        out.println("signals  " + (s.lastSignals().isEmpty() ? "none since the start" : s.lastSignals().stream()
                .map(g -> g.signal() + (g.seq() > 0 ? " #" + g.seq() : "") + " at " + g.at().substring(11))
                .collect(Collectors.joining(", "))));
        out.println("scans    last " + (s.lastScanAt() == null ? "none" : s.lastScanAt()) + "; " + s.counters().entrySet()
                .stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        out.println("config   version " + s.configVersion() + " (fleet " + s.layers().get("fleet") + ", unit "
                + s.layers().get("unit") + "); keys not listed have their defaults");
        int width = s.config().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, UnitSnapshot.Setting> e : s.config().entrySet()) {
            out.println("  " + String.format("%-" + width + "s", e.getKey()) + "  " + String.format("%-6s",
                    e.getValue().source()) + "  " + e.getValue().value());
        }
    }

    private static String age(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        return d.toDays() > 0 ? d.toDays() + " d" : d.toHours() > 0 ? d.toHours() + " h"
                : d.toMinutes() > 0 ? d.toMinutes() + " min" : Math.max(0, d.toSeconds()) + " s";
    }
}
