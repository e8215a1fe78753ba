package io.stampbox.fleet;

import io.stampbox.config.UnitConfig;
import io.stampbox.setup.FleetKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fleet's public key ({@code setup.publicKeyFile}) that signed documents are checked with, read once per path. */
final class FleetKeyCache {

    private static final Logger log = LoggerFactory.getLogger(FleetKeyCache.class);

    private Path path;
    private PublicKey key;

    /** The key, or null when none is configured or it cannot be read (signed documents are then refused). */
    PublicKey fleetKey(UnitConfig config) {
        Path wanted = config.setup().publicKeyFile();
        if (wanted == null) {
            return null;
        }
        if (!wanted.equals(path)) {
            path = wanted;
            try {
                key = FleetKeys.readPublic(wanted);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                log.error("config: setup.publicKeyFile {} is not a usable Ed25519 public key ({}): signed documents"
                        + " are refused", wanted, e.getMessage());
                key = null;
            }
        }
        return key;
    }
}
