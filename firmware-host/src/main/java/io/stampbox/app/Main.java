package io.stampbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import java.io.PrintStream;
import io.stampbox.fleet.FleetStart;
import io.stampbox.setup.SetupLayer;
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
 * start exits 1.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    /** The {@code restart} command: stopped cleanly, start me again (systemd's Restart=on-failure does). */
    static final int EXIT_RESTART = 75;

    private static final String USAGE = "usage: stampbox-host --config FILE";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path configFile;
        try {
            configFile = parseArgs(args);
        } catch (IllegalArgumentException e) {
            err.println("stampbox-host: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (configFile == null) {
            out.println("stampbox-host " + Version.current());
            return EXIT_OK;
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
            unit = Unit.start(FleetStart.boot(file, config), out, restart);
        } catch (RuntimeException e) {
            log.error("unit failed to start: {}", e.getMessage(), e);
            return EXIT_FAILURE;
        }
        awaitStop(stop);
        unit.stop();
        return exit.get();
    }

    private static void awaitStop(CountDownLatch stop) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required");
        }
        return config;
    }
}
