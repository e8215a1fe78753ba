package io.stampbox.setup;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.ClockStatus;
import io.stampbox.counter.SetupDesk;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Setup by scan at the unit: a setup code that verifies against the installed public key, is bound to
 * this unit, was not used before, and whose settings validate over the unit's keys, is kept in
 * {@code storage.dir/config/setup.json}; once its {@code accepted} is shown the unit restarts to take it.
 * While the clock is not synchronised every code is rejected (its validity cannot be checked); a code
 * that changes nothing is accepted without a restart; its nonce is kept before anything else, so a code
 * is taken once. Runs on the scan pipeline's thread.
 */
public final class UnitSetup implements SetupDesk {

    private static final Logger log = LoggerFactory.getLogger(UnitSetup.class);

    private final PublicKey key;
    private final Map<String, JsonNode> keys;
    private final Path storageDir;
    private final Clock clock;
    private final ClockStatus clockStatus;
    private final Supplier<String> serial;
    private final Runnable restart;

    /**
     * @param keys the keys the unit booted with (the local file with the setup layer over it)
     * @param restart stops the unit and starts it again with the kept settings
     */
    UnitSetup(PublicKey key, Map<String, JsonNode> keys, Path storageDir, Clock clock, ClockStatus clockStatus,
            Supplier<String> serial, Runnable restart) {
        this.key = key;
        this.keys = Map.copyOf(keys);
        this.storageDir = storageDir;
        this.clock = clock;
        this.clockStatus = clockStatus;
        this.serial = serial;
        this.restart = restart;
    }

    /** The desk for this configuration: {@link SetupDesk#OFF} without {@code setup.publicKeyFile}. */
    public static SetupDesk forConfig(UnitConfig config, Map<String, JsonNode> keys, Clock clock,
            ClockStatus clockStatus, Runnable restart) {
        return forConfig(config, keys, clock, clockStatus, HardwareSerial.SYSTEM, restart);
    }

    static SetupDesk forConfig(UnitConfig config, Map<String, JsonNode> keys, Clock clock, ClockStatus clockStatus,
            Supplier<String> serial, Runnable restart) {
        Path keyFile = config.setup().publicKeyFile();
        if (keyFile == null) {
            return SetupDesk.OFF;
        }
        try {
            PublicKey key = FleetKeys.readPublic(keyFile);
            log.info("setup by scan enabled with the key in {}", keyFile);
            return new UnitSetup(key, keys, config.storage().dir(), clock, clockStatus, serial, restart);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            log.error("setup.publicKeyFile: cannot read an Ed25519 public key from {} ({}): setup codes are rejected",
                    keyFile, e.getMessage());
            return text -> Verdict.rejected("setup.publicKeyFile " + keyFile + " is not a usable public key");
        }
    }

    @Override
    public Verdict scanned(String text) {
        if (!clockStatus.synced()) {
            return Verdict.rejected("the unit's clock is not synchronised, so a setup code's validity cannot be "
                    + "checked; connect the unit to NTP (or set clock.assumeSynced) and scan again");
        }
        Instant now = clock.instant();
        SetupCode code = SetupCodes.verify(text, key, now);
        if (!code.accepted()) {
            return Verdict.rejected(code.rejection());
        }
        String notHere = notForThisUnit(code.binding());
        if (notHere != null) {
            return Verdict.rejected(notHere);
        }
        String downgrade = downgrade(code.settings().get("mqtt.url"));
        if (downgrade != null) {
            return Verdict.rejected(downgrade);
        }
        SetupNonces nonces;
        try {
            nonces = SetupNonces.open(storageDir);
        } catch (IOException e) {
            return Verdict.rejected("cannot read the used setup codes (" + e.getMessage() + "); not taken");
        }
        if (nonces.used(code.nonce())) {
            return Verdict.rejected("already used: this code was taken before (a setup code is single-use)");
        }
        Map<String, JsonNode> kept = SetupLayer.with(storageDir, code.settings());
        if (!identical(code.settings())) {
            try {
                ConfigLoader.fromLayers(keys, kept, Map.of(), 0);
            } catch (ConfigException e) {
                return Verdict.rejected("its settings do not validate: " + e.errors());
            }
        }
        try {
            nonces.use(code.nonce(), code.expiresAt(), now);
        } catch (IOException e) {
            return Verdict.rejected("cannot remember its nonce in " + nonces.file() + " (" + e.getMessage()
                    + "); not taken");
        }
        if (identical(code.settings())) {
            return Verdict.accepted(new TreeMap<>(code.settings()) + " is what the unit runs already; nothing to do",
                    () -> {});
        }
        return take(code, kept);
    }

    private Verdict take(SetupCode code, Map<String, JsonNode> kept) {
        try {
            SetupLayer.write(storageDir, kept);
        } catch (IOException e) {
            return Verdict.rejected("cannot keep its settings in " + SetupLayer.file(storageDir) + ": " + e.getMessage());
        }
        return Verdict.accepted(new TreeMap<>(code.settings()) + " kept in " + SetupLayer.file(storageDir)
                + "; restarting to take them", restart);
    }

    /** Why a code bound to another unit is not for this one, or null. */
    private String notForThisUnit(SetupCodes.Binding binding) {
        if (binding.value() == null) {
            return null;
        }
        if (binding.kind().equals("unit")) {
            String id = keys.containsKey("device.id") ? keys.get("device.id").asText() : null;
            return binding.value().equals(id) ? null : "made for unit " + binding.value() + ", not for this unit ("
                    + id + ")";
        }
        String mine = serial.get();
        if (mine == null) {
            return "made for hardware serial " + binding.value() + ", and this unit cannot read its serial";
        }
        return binding.value().equalsIgnoreCase(mine) ? null
                : "made for hardware serial " + binding.value() + ", not for this unit (" + mine + ")";
    }

    /**
     * A broker change from {@code ssl://} to {@code tcp://} is never taken from a code; with {@code mqtt.urls}
     * in force, any secure URL of the list counts.
     */
    private String downgrade(String url) {
        JsonNode current = keys.get("mqtt.url");
        if (current == null && keys.get("mqtt.urls") != null && keys.get("mqtt.urls").isArray()) {
            for (JsonNode each : keys.get("mqtt.urls")) {
                if (secure(each.asText())) {
                    current = each;
                }
            }
        }
        if (url == null || current == null) {
            return null;
        }
        return secure(current.asText()) && !secure(url) ? "mqtt.url: would move the unit from "
                + current.asText().split(":")[0] + ":// to an unencrypted connection; not taken" : null;
    }

    private static boolean secure(String url) {
        return url.startsWith("ssl://") || url.startsWith("wss://");
    }

    private boolean identical(Map<String, String> settings) {
        return settings.entrySet().stream().allMatch(e -> keys.containsKey(e.getKey())
                && keys.get(e.getKey()).isTextual() && keys.get(e.getKey()).asText().equals(e.getValue()));
    }
}
