package io.stampbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import java.io.PrintStream;
import io.stampbox.fleet.FleetStart;
import io.stampbox.setup.SetupLayer;
import io.stampbox.outbox.StorageLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code stampbox-host --config FILE}: runs the unit in the foreground until SIGTERM or SIGINT, then
 * stops in order and exits 0. A configuration error exits 2 before anything starts; a failure to
 * start exits 1, as does a second daemon on the same {@code storage.dir} and a start as root without
 * {@code --allow-root} (or {@code STAMPBOX_ALLOW_ROOT=1}).
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    /** The {@code restart} command: stopped cleanly, start me again (systemd's Restart=on-failure does). */
    static final int EXIT_RESTART = 75;

    private static final String USAGE = "usage: stampbox-host --config FILE [--allow-root]";
    private static final String HELP = String.join(System.lineSeparator(),
            USAGE, "       stampbox-host --version | --help", "",
            "Runs a Stampbox counter unit in the foreground until SIGTERM or SIGINT (systemd: stampbox.service).", "",
            "  --config FILE   the unit's configuration file (/etc/stampbox/config.json in the package)",
            "  --allow-root    run as root on purpose (or STAMPBOX_ALLOW_ROOT=1); files in storage.dir become root's",
            "  --version       print the version and exit",
            "  --help, -h      print this text and exit", "",
            "Exit status: 0 stopped cleanly, 1 failed to start, 2 bad usage or configuration, 75 restart requested.",
            "Checks and set-up: stampbox-provision check | init. Fleet: stampbox-fleet.");
    static final String ALLOW_ROOT = "--allow-root";
    static final String ALLOW_ROOT_ENV = "STAMPBOX_ALLOW_ROOT";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (informational(args, out)) {
            return EXIT_OK;
        }
        Path configFile;
        try {
            configFile = parseArgs(args);
        } catch (IllegalArgumentException e) {
            err.println("stampbox-host: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (refusedAsRoot(args, err)) {
            return EXIT_FAILURE;
        }
        Map<String, JsonNode> file;
        UnitConfig config;
        try {
            Map<String, JsonNode> local = ConfigLoader.readFile(configFile);
            SetupLayer.Boot boot = SetupLayer.over(local, ConfigLoader.fromLayers(local, Map.of(), Map.of(), 0));
            file = boot.keys();
            config = boot.config();
        } catch (ConfigException e) {
            for (String error : e.errors()) {
                err.println("config error: " + error);
            }
            return EXIT_USAGE;
        }
        StorageLock storageLock;
        try {
            storageLock = lockStorage(config.storage().dir());
        } catch (StorageLock.InUseException e) {
            err.println("stampbox-host: " + e.getMessage());
            return EXIT_FAILURE;
        }
        RuntimeDirs.prepare(config.storage().dir());
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Logger log = LoggerFactory.getLogger(Main.class);
        AtomicInteger exit = new AtomicInteger(EXIT_OK);
        Runnable restart = () -> {
            exit.set(EXIT_RESTART);
            stop.countDown();
        };
        Unit unit;
        try {
            unit = Unit.start(FleetStart.boot(file, config), local(configFile), out, restart);
        } catch (RuntimeException e) {
            log.error("unit failed to start: {}", e.getMessage(), e);
            return EXIT_FAILURE;
        }
        awaitStop(stop);
        unit.stop();
        if (storageLock != null) {
            storageLock.close();
        }
        return exit.get();
    }

    /** The local file's own keys (read again: validated above), for the live view's sources. */
    private static Map<String, JsonNode> local(Path configFile) {
        try {
            return ConfigLoader.readFile(configFile);
        } catch (ConfigException e) {
            return Map.of();
        }
    }

    /** {@code --help}/{@code -h} or {@code --version} anywhere: prints it, and nothing else happens. */
    private static boolean informational(String[] args, PrintStream out) {
        java.util.List<String> given = java.util.Arrays.asList(args);
        if (given.contains("--help") || given.contains("-h")) {
            out.println(HELP);
        } else if (given.contains("--version")) {
            out.println("stampbox-host " + Version.current());
        } else {
            return false;
        }
        return true;
    }

    private static void awaitStop(CountDownLatch stop) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One daemon per storage.dir; null when the lock cannot be taken for another reason (logged). */
    private static StorageLock lockStorage(Path dir) throws StorageLock.InUseException {
        try {
            return StorageLock.acquire(dir);
        } catch (IOException | RuntimeException e) {
            // An unwritable storage.dir must not stop the unit: the outbox reports it and stamps get fault.
            LoggerFactory.getLogger(Main.class).warn("storage.dir {}: cannot take its lock ({})", dir, e.toString());
            return null;
        }
    }

    private static boolean refusedAsRoot(String[] args, PrintStream err) {
        if (!runsAsRoot() || allowRoot(args, System.getenv())) {
            return false;
        }
        err.println("stampbox-host: refusing to run as root: files it creates in storage.dir would be root-owned"
                + " and the service user could no longer open them; run as the service user (systemd does),"
                + " or pass " + ALLOW_ROOT + " (or " + ALLOW_ROOT_ENV + "=1) to run as root on purpose");
        return true;
    }

    static boolean allowRoot(String[] args, Map<String, String> env) {
        return java.util.Arrays.asList(args).contains(ALLOW_ROOT) || "1".equals(env.get(ALLOW_ROOT_ENV));
    }

    private static boolean runsAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The config path, or null for {@code --version}. */
    static Path parseArgs(String[] args) {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--config needs a file");
                    }
                    config = Path.of(args[++i]);
                }
                case "--version" -> {
                    return null;
                }
                case ALLOW_ROOT -> {
                    // read by allowRoot
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required");
        }
        return config;
    }
}
