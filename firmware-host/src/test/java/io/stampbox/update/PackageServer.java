package io.stampbox.update;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.stampbox.wire.PemFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS server for update tests: serves {@code body} at {@code /p.deb}, honours {@code Range}, and can
 * cut the first {@code cuts} responses after {@code cutAt} bytes. Records every request's Range header.
 */
final class PackageServer implements AutoCloseable {

    final List<String> ranges = new CopyOnWriteArrayList<>();
    final AtomicInteger cuts = new AtomicInteger();
    volatile long cutAt;
    volatile byte[] body;
    private final HttpsServer server;

    PackageServer(Path certificate, Path key, byte[] body) throws Exception {
        this.body = body;
        List<X509Certificate> chain = PemFiles.certificates(certificate, "test");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", PemFiles.privateKey(key, "test", chain.get(0).getPublicKey().getAlgorithm()),
                "x".toCharArray(), chain.toArray(new X509Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "x".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/p.deb", exchange -> {
            try (exchange) {
                String range = exchange.getRequestHeaders().getFirst("Range");
                ranges.add(String.valueOf(range));
                byte[] all = this.body;
                int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                if (range != null) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/"
                            + all.length);
                }
                exchange.sendResponseHeaders(range == null ? 200 : 206, all.length - from);
                OutputStream out = exchange.getResponseBody();
                if (cuts.getAndDecrement() > 0) {
                    out.write(all, from, (int) Math.min(cutAt, all.length - from));
                    out.flush();
                    throw new IOException("cut on purpose");
                }
                out.write(all, from, all.length - from);
            } catch (IOException e) {
                // closing the exchange short of its length drops the connection: the client sees a cut stream
            }
        });
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/p.deb";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
