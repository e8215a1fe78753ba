package io.stampbox.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files. Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}); encrypted keys are
 * refused with a message saying so.
 */
public final class PemFiles {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private PemFiles() {}

    public record Block(String type, byte[] der) {}

    public static List<X509Certificate> certificates(Path file, String field) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file, field)) {
                if (block.type().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsException(field + ": " + file + ": not a valid certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new TlsException(field + ": " + file + ": no CERTIFICATE block");
        }
        return certs;
    }

    /** @param algorithm the key's algorithm as its certificate says ({@code RSA}, {@code EC}, ...) */
    public static PrivateKey privateKey(Path file, String field, String algorithm) {
        for (Block block : blocks(file, field)) {
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> Der.pkcs8FromPkcs1(block.der());
                case "EC PRIVATE KEY" -> Der.pkcs8FromSec1(block.der());
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsException(
                        field + ": " + file + ": encrypted keys are not supported; store the key unencrypted (mode 0600)");
                default -> null;
            };
            if (pkcs8 != null) {
                return decode(pkcs8, file, field, algorithm);
            }
        }
        throw new TlsException(field + ": " + file + ": no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
    }

    private static PrivateKey decode(byte[] pkcs8, Path file, String field, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsException(
                    field + ": " + file + ": not a valid " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    public static List<Block> blocks(Path file, String field) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsException(field + ": cannot read " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains(":")) {
                throw new TlsException(field + ": " + file + ": encrypted PEM blocks are not supported");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new TlsException(field + ": " + file + ": bad base64 in " + m.group(1) + " block", e);
            }
        }
        return blocks;
    }
}
