package io.stampbox.setup;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.SetupDesk;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Setup by scan at the unit: a setup code that verifies against the installed public key, and whose
 * settings validate over the unit's keys, is kept in {@code storage.dir/config/setup.json}; once its
 * {@code accepted} is shown the unit restarts to take it. Runs on the scan pipeline's thread.
 */
public final class UnitSetup implements SetupDesk {

    private static final Logger log = LoggerFactory.getLogger(UnitSetup.class);

    private final PublicKey key;
    private final Map<String, JsonNode> keys;
    private final Path storageDir;
    private final Clock clock;
    private final Runnable restart;

    /**
     * @param keys the keys the unit booted with (the local file with the setup layer over it)
     * @param restart stops the unit and starts it again with the kept settings
     */
    UnitSetup(PublicKey key, Map<String, JsonNode> keys, Path storageDir, Clock clock, Runnable restart) {
        this.key = key;
        this.keys = Map.copyOf(keys);
        this.storageDir = storageDir;
        this.clock = clock;
        this.restart = restart;
    }

    /** The desk for this configuration: {@link SetupDesk#OFF} without {@code setup.publicKeyFile}. */
    public static SetupDesk forConfig(UnitConfig config, Map<String, JsonNode> keys, Clock clock, Runnable restart) {
        Path keyFile = config.setup().publicKeyFile();
        if (keyFile == null) {
            return SetupDesk.OFF;
        }
        try {
            PublicKey key = FleetKeys.readPublic(keyFile);
            log.info("setup by scan enabled with the key in {}", keyFile);
            return new UnitSetup(key, keys, config.storage().dir(), clock, restart);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            log.error("setup.publicKeyFile: cannot read an Ed25519 public key from {} ({}): setup codes are rejected",
                    keyFile, e.getMessage());
            return text -> Verdict.rejected("setup.publicKeyFile " + keyFile + " is not a usable public key");
        }
    }

    @Override
    public Verdict scanned(String text) {
        SetupCode code = SetupCodes.verify(text, key, clock.instant());
        if (!code.accepted()) {
            return Verdict.rejected(code.rejection());
        }
        Map<String, JsonNode> kept = SetupLayer.with(storageDir, code.settings());
        try {
            ConfigLoader.fromLayers(keys, kept, Map.of(), 0);
        } catch (ConfigException e) {
            return Verdict.rejected("its settings do not validate: " + e.errors());
        }
        try {
            SetupLayer.write(storageDir, kept);
        } catch (IOException e) {
            return Verdict.rejected("cannot keep its settings in " + SetupLayer.file(storageDir) + ": " + e.getMessage());
        }
        return Verdict.accepted(new TreeMap<>(code.settings()) + " kept in " + SetupLayer.file(storageDir)
                + "; restarting to take them", restart);
    }
}
