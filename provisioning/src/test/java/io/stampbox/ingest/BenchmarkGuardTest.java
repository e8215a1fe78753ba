package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.SlowTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The benchmarks stay out of the test suites, and the parts of their harness that can be checked cheaply work. */
class BenchmarkGuardTest {

    @Test
    void benchmarksRunOnlyWithTheBenchmarkPropertyAndOutsideTheFastTier() {
        for (Class<?> benchmark : List.of(FleetSimBenchmark.class, IngestBenchmark.class)) {
            EnabledIfSystemProperty guard = benchmark.getAnnotation(EnabledIfSystemProperty.class);
            assertNotNull(guard, benchmark.getSimpleName() + " must be guarded by -Dstampbox.benchmark=true");
            assertEquals("stampbox.benchmark", guard.named());
            assertEquals("true", guard.matches());
            assertNotNull(benchmark.getAnnotation(SlowTest.class), benchmark.getSimpleName() + " must be @SlowTest");
            assertNotNull(benchmark.getAnnotation(BrokerTest.class), benchmark.getSimpleName() + " must be @BrokerTest");
        }
    }

    @Test
    void natsNodesRouteToEveryNodeWithJetStreamAndMqtt() {
        String conf = NatsCluster.conf("n2", Path.of("/tmp/store"), 14222, 16222, 11883, new int[] {16221, 16222, 16223},
                List.of("consumer_replicas: 1"));
        assertTrue(conf.contains("server_name: n2"), conf);
        assertTrue(conf.contains("listen: 127.0.0.1:14222"), conf);
        assertTrue(conf.contains("store_dir: \"/tmp/store\""), conf);
        for (int route : new int[] {16221, 16222, 16223}) {
            assertTrue(conf.contains("nats-route://127.0.0.1:" + route), conf);
        }
        assertTrue(conf.contains("mqtt {\n  listen: 127.0.0.1:11883\n  consumer_replicas: 1\n}"), conf);
    }

    @Test
    void theOutageProxyForwardsCutsAndComesBack() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                OutageProxy proxy = new OutageProxy(List.of(echo.getLocalPort()))) {
            Thread server = new Thread(() -> serveEcho(echo));
            server.setDaemon(true);
            server.start();
            int port = Integer.parseInt(proxy.url(echo.getLocalPort()).replaceAll(".*:", ""));
            try (Socket s = connect(port)) {
                assertEquals("hello", roundTrip(s, "hello"));
                proxy.cut();
                assertEquals(-1, s.getInputStream().read(), "a cut closes the forwarded connection");
            }
            assertThrows(IOException.class, () -> connect(port).close(), "while cut, connects are refused");
            proxy.restore();
            try (Socket s = connect(port)) {
                assertEquals("again", roundTrip(s, "again"));
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        byte[] got = s.getInputStream().readNBytes(text.length());
        return new String(got, StandardCharsets.UTF_8);
    }

    private static void serveEcho(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException closed) {
                        // the proxy cut it
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
