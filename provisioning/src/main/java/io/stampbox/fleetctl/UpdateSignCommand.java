package io.stampbox.fleetctl;

import io.stampbox.config.SignedDocument;
import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.Failures;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.UpdateOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code update sign}: the order for a package: its SHA-256 and size, signed with the fleet's Ed25519 key (the
 * {@code setup-key} one that signs fleet documents), printed as the {@code args} of {@code cmd/update}.
 */
@Command(name = "sign", description = {"Sign a package for the units: prints the order (version, url, sha256, size,"
        + " signature) as JSON, for update start --order. The signature covers version, sha256 and size; the key is"
        + " the fleet's private key (stampbox-provision setup-key, fleet-setup.key), readable by its owner only."})
final class UpdateSignCommand implements Callable<Integer> {

    private static final Set<PosixFilePermission> OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Spec
    CommandSpec spec;

    @Option(names = "--deb", paramLabel = "FILE", required = true, description = "the package (stampbox_<version>_all.deb)")
    Path deb;

    @Option(names = "--package-version", paramLabel = "V", description = "the package's Debian version, e.g. 1.4.0;"
            + " default: from the file name stampbox_<V>_<arch>.deb")
    String version;

    @Option(names = "--url", paramLabel = "URL", required = true, description = "where the units download it (https://)")
    String url;

    @Option(names = "--key", paramLabel = "PEM", required = true, description = "the fleet's private key (mode 0600)")
    Path key;

    @Option(names = "--out", paramLabel = "FILE", description = "write the order here instead of stdout")
    Path out;

    @Option(names = "--json", description = "the order is JSON anyway; accepted for symmetry")
    boolean json;

    @Override
    public Integer call() {
        if (version == null) {
            version = versionOf(deb);
        }
        PrivateKey fleetKey = readKey(key);
        String sha256;
        long size;
        try (InputStream in = Files.newInputStream(deb)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            size = 0;
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
                if (size > UpdateOrder.MAX_SIZE) {
                    throw ToolFailure.usage("--deb " + deb + ": over " + UpdateOrder.MAX_SIZE + " bytes, the units refuse it",
                            (Throwable) null);
                }
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw ToolFailure.usage("--deb: " + Failures.describe(e), e);
        } catch (GeneralSecurityException e) {
            throw ToolFailure.failed("SHA-256: " + e.getMessage(), e);
        }
        String signature = sign(UpdateOrder.signedBytes(version, sha256, size), fleetKey);
        UpdateOrder order;
        try {
            order = UpdateOrder.parse(new UpdateOrder(version, url, sha256, size, signature, null).toArgs());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw ToolFailure.usage(m.startsWith("version:") ? "--package-" + m : m.startsWith("url:") ? "--" + m
                    : "--deb " + deb + ": " + m, e);
        }
        String text = order.toArgs().toString();
        if (out == null) {
            spec.commandLine().getOut().println(text);
            return Exit.OK;
        }
        try {
            Files.writeString(out, text + "\n");
        } catch (IOException e) {
            throw ToolFailure.failed("--out: " + Failures.describe(e), e);
        }
        spec.commandLine().getErr().println("wrote " + out + " (" + version + ", " + size + " bytes, sha256 " + sha256 + ")");
        return Exit.OK;
    }

    /** The version in a file name {@code stampbox_<V>_<arch>.deb}; exit 2 when it is not one. */
    static String versionOf(Path deb) {
        String name = deb.getFileName() == null ? "" : deb.getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[a-z0-9.+-]+_([^_]+)_[a-z0-9]+\\.deb").matcher(name);
        if (!m.matches()) {
            throw ToolFailure.usage("--package-version is needed: the file name " + name + " is not"
                    + " stampbox_<version>_<arch>.deb", (Throwable) null);
        }
        return m.group(1);
    }

    /**
     * The fleet's private key, refused when the file is open to group or others.
     *
     * @throws ToolFailure (exit 2) naming the file and its mode, or why it does not read
     */
    static PrivateKey readKey(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(OPEN::contains)) {
                throw ToolFailure.usage("--key " + file + ": open to group or others (mode "
                        + PosixFilePermissions.toString(mode) + "); the fleet key must be readable by its owner only:"
                        + " chmod 600 " + file, (Throwable) null);
            }
            return SignedDocument.privateKey(file);
        } catch (IOException e) {
            throw ToolFailure.usage("--key: " + Failures.describe(e), e);
        } catch (UnsupportedOperationException e) {
            throw ToolFailure.usage("--key " + file + ": its permissions cannot be checked on this file system", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw ToolFailure.usage("--key " + file + ": not the fleet's Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    private static String sign(byte[] bytes, PrivateKey fleetKey) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(fleetKey);
            signer.update(bytes);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw ToolFailure.usage("--key: cannot sign with it (" + e.getMessage() + ")", e);
        }
    }
}
