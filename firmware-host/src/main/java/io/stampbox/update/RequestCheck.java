package io.stampbox.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.wire.PemFiles;
import io.stampbox.wire.TlsException;
import io.stampbox.wire.UpdateOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The helper's own check of a request's signature, so that the daemon's account alone cannot have a package
 * installed: run as root by {@code stampbox-update-helper} with the installed (root-owned) jar, it reads the
 * fleet key named by {@code setup.publicKeyFile} in the local configuration file (never a remote layer) and
 * verifies the request's {@code signature} over {@link UpdateOrder#signedBytes}. Exit 0 when it verifies;
 * otherwise exit 1 and the reason on standard output.
 *
 * <p>Usage: {@code java -cp stampbox-host.jar io.stampbox.update.RequestCheck CONFIG REQUEST}
 */
public final class RequestCheck {

    private RequestCheck() {}

    public static void main(String[] args) {
        String problem = args.length == 2 ? problem(Path.of(args[0]), Path.of(args[1]))
                : "usage: RequestCheck CONFIG REQUEST";
        if (problem != null) {
            System.out.println(problem);
            System.exit(1);
        }
    }

    /** Why the request must not be installed, or null when the fleet key signed it. */
    static String problem(Path config, Path request) {
        try {
            Map<String, String> fields = new HashMap<>();
            if (Files.size(request) > 4096) {
                return "the request is larger than 4096 bytes";
            }
            for (String line : Files.readAllLines(request, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            UpdateOrder order = UpdateOrder.parse(args(fields));
            JsonNode keyFile = ConfigLoader.readFile(config).get("setup.publicKeyFile");
            if (keyFile == null || !keyFile.isTextual()) {
                return "no setup.publicKeyFile in " + config + ": no fleet key to check the signature with";
            }
            PublicKey key = fleetKey(Path.of(keyFile.textValue()));
            return OrderCheck.signatureProblem(order, key);
        } catch (IOException | ConfigException | GeneralSecurityException | TlsException | IllegalArgumentException e) {
            return "cannot check the request's signature: " + e.getMessage();
        }
    }

    private static PublicKey fleetKey(Path file) throws GeneralSecurityException {
        for (PemFiles.Block block : PemFiles.blocks(file, "setup.publicKeyFile")) {
            if (block.type().equals("PUBLIC KEY")) {
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(block.der()));
            }
        }
        throw new GeneralSecurityException(file + ": no PEM PUBLIC KEY");
    }

    /** The request's fields as the command's args, for {@link UpdateOrder#parse} (the URL is not in the request). */
    private static JsonNode args(Map<String, String> fields) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("version", fields.get("version")).put("sha256", fields.get("sha256"))
                .put("signature", fields.get("signature")).put("url", "https://unit.invalid/package.deb");
        String size = fields.getOrDefault("size", "");
        if (size.matches("[0-9]{1,12}")) {
            node.put("size", Long.parseLong(size));
        } else {
            node.put("size", size);
        }
        return node;
    }
}
