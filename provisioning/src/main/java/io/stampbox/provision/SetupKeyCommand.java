package io.stampbox.provision;

import io.stampbox.setup.FleetKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;

/** Makes the fleet's Ed25519 key pair for setup codes: the private key stays with the fleet, the public one goes on every unit. */
@Command(name = "setup-key", mixinStandardHelpOptions = true,
        description = "Create the fleet's key pair for setup codes (fleet-setup.key, fleet-setup.pub).")
final class SetupKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "directory for fleet-setup.key (0600) and fleet-setup.pub")
    Path out;

    @Override
    public Integer call() {
        PrintWriter print = spec.commandLine().getOut();
        Path key = out.resolve("fleet-setup.key");
        Path pub = out.resolve("fleet-setup.pub");
        try {
            if (Files.exists(key)) {
                spec.commandLine().getErr().println("✗ " + key + " exists: a new key would invalidate every unit's public key");
                return Exit.FAILED;
            }
            KeyPair pair = FleetKeys.generate();
            Files.createDirectories(out);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, FleetKeys.pem(pair.getPrivate()));
            Files.writeString(pub, FleetKeys.pem(pair.getPublic()));
            print.println("✓ wrote " + key + " (keep it off the units) and " + pub
                    + " (install it on each unit as /etc/stampbox/fleet-setup.pub)");
            return Exit.OK;
        } catch (IOException | GeneralSecurityException e) {
            spec.commandLine().getErr().println("✗ " + e.getMessage());
            return Exit.FAILED;
        }
    }
}
