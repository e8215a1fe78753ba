package io.stampbox.wire;

import io.stampbox.config.UnitConfig;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for an {@code ssl://} broker from the PEM files of {@code mqtt.tls}:
 * the CA file (else the JVM's trust store) and, for mutual TLS, the client certificate and key, held in
 * key stores in memory only.
 */
public final class TlsSockets {

    private static final char[] IN_MEMORY = "stampbox".toCharArray();

    private TlsSockets() {}

    public static SSLSocketFactory factory(UnitConfig.Tls tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), trustManagers(tls), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new TlsException("mqtt.tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(UnitConfig.Tls tls) throws GeneralSecurityException {
        if (tls == null || tls.caFile() == null) {
            return null;
        }
        KeyStore store = emptyStore();
        List<X509Certificate> cas = PemFiles.certificates(tls.caFile(), "mqtt.tls.caFile");
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(UnitConfig.Tls tls) throws GeneralSecurityException {
        if (tls == null || (tls.certFile() == null && tls.keyFile() == null)) {
            return null;
        }
        if (tls.certFile() == null || tls.keyFile() == null) {
            String missing = tls.certFile() == null ? "mqtt.tls.certFile" : "mqtt.tls.keyFile";
            throw new TlsException(missing + ": required for mutual TLS when the other of certFile/keyFile is set");
        }
        List<X509Certificate> chain = PemFiles.certificates(tls.certFile(), "mqtt.tls.certFile");
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        PrivateKey key = PemFiles.privateKey(tls.keyFile(), "mqtt.tls.keyFile", algorithm);
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("empty key store: " + e.getMessage(), e);
        }
        return store;
    }
}
