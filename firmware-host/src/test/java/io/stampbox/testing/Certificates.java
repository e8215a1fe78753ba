package io.stampbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made at test time with the openssl command line: a CA, a server certificate for
 * 127.0.0.1 and localhost, client certificates signed by that CA or by another one.
 */
public final class Certificates {

    private final Path dir;

    public Certificates(Path dir) {
        this.dir = dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Makes {@code name.key} (PKCS#8, EC P-256) and the self-signed {@code name.crt}. */
    public Certificates ca(String name) {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", path(name + ".key"), "-out", path(name + ".crt"), "-subj", "/CN=" + name, "-days", "2");
        return this;
    }

    /**
     * Makes {@code name.key} and {@code name.crt} signed by {@code ca}.
     *
     * @param keyType {@code ec} or {@code rsa}
     * @param subjectAltName e.g. {@code DNS:localhost,IP:127.0.0.1}; null for none (client certificates)
     */
    public Certificates leaf(String name, String ca, String keyType, String subjectAltName) {
        List<String> req = new ArrayList<>(List.of("req", "-new", "-newkey", keyType));
        req.addAll(keyType.equals("ec") ? List.of("-pkeyopt", "ec_paramgen_curve:prime256v1")
                : List.of("-pkeyopt", "rsa_keygen_bits:2048"));
        req.addAll(List.of("-nodes", "-keyout", path(name + ".key"), "-out", path(name + ".csr"), "-subj", "/CN=" + name));
        openssl(req.toArray(new String[0]));
        List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", path(name + ".csr"),
                "-CA", path(ca + ".crt"), "-CAkey", path(ca + ".key"), "-CAcreateserial",
                "-out", path(name + ".crt"), "-days", "2"));
        if (subjectAltName != null) {
            write(name + ".ext", "subjectAltName=" + subjectAltName + "\n");
            sign.addAll(List.of("-extfile", path(name + ".ext")));
        }
        openssl(sign.toArray(new String[0]));
        return this;
    }

    /** Writes the key of {@code name} in OpenSSL's traditional form (RSA or EC PRIVATE KEY) to {@code out}. */
    public Path traditionalKey(String name, String keyType, String out) {
        if (keyType.equals("rsa")) {
            openssl("rsa", "-in", path(name + ".key"), "-out", path(out), "-traditional");
        } else {
            openssl("ec", "-in", path(name + ".key"), "-out", path(out));
        }
        return file(out);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        MosquittoBroker.run(command);
    }
}
