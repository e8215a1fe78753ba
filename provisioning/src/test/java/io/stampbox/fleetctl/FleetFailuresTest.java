package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.Certificates;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.ProcessTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of not reaching the broker, against real mosquitto processes, in every command: one line on
 * stderr naming the broker and the reason, exit 1 (2 for unusable input), no stack trace unless
 * {@code --debug}, and with {@code --json} an error object on stdout that parses.
 */
@BrokerTest
@ProcessTest
class FleetFailuresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<List<String>> COMMANDS = List.of(List.of("status"), List.of("cmd", "till-1", "identify"),
            List.of("config", "show", "till-1"), List.of("forget", "till-1"));

    @TempDir
    static Path pkiDir;
    private static Certificates pki;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    @BeforeAll
    static void makeCertificates() {
        pki = new Certificates(pkiDir).ca("ca").ca("other").leaf("server", "ca", "ec", "DNS:localhost,IP:127.0.0.1");
    }

    private static Run fleet(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs every broker command with these options; each must fail with exactly this line and code. */
    private void everyCommandSays(String line, int exit, String... options) throws Exception {
        Path doc = dir.resolve("doc.json");
        Files.writeString(doc, "{\"version\": 3, \"codes\": {\"cooldownSeconds\": 5}}");
        List<List<String>> commands = new ArrayList<>(COMMANDS);
        commands.add(List.of("config", "push", doc.toString(), "--unit", "till-1"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of(options));
            Run r = fleet(args);
            assertEquals(exit, r.exit(), args + ": " + r.err());
            assertEquals(line, r.err().strip(), args.toString());
            assertFalse(r.err().contains("Exception") || r.err().contains("at io."), r.err());

            args.add("--json");
            r = fleet(args);
            assertEquals(exit, r.exit(), args + ": " + r.err());
            JsonNode error = JSON.readTree(r.out());
            assertEquals(line.substring("stampbox-fleet: ".length()), error.path("error").asText(), r.out());
            assertEquals(exit, error.path("exitCode").asInt());
        }
    }

    @Test
    void aBrokerThatIsDownIsOneLineExitOne() throws Exception {
        int port = MosquittoBroker.freePort();
        everyCommandSays("stampbox-fleet: cannot reach the broker at tcp://127.0.0.1:" + port + ": connection refused",
                1, "--url=tcp://127.0.0.1:" + port);
        Run debug = fleet(List.of("status", "--url=tcp://127.0.0.1:" + port, "--debug"));
        assertEquals(1, debug.exit());
        assertTrue(debug.err().contains("Caused by: java.net.ConnectException"), "--debug shows the trace: " + debug.err());
    }

    @Test
    void aWrongPasswordSaysTheLoginWasRefused() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).user("admin", "right").start()) {
            Path password = dir.resolve("password");
            Files.writeString(password, "wrong\n");
            everyCommandSays("stampbox-fleet: the broker at " + broker.url() + " refused the login: not authorized", 1,
                    "--url=" + broker.url(), "--username=admin", "--password-file=" + password);
        }
    }

    @Test
    void tlsAgainstAPlainPortSaysThePortDoesNotSpeakTls() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            String url = "ssl://127.0.0.1:" + broker.port();
            everyCommandSays("stampbox-fleet: cannot reach the broker at " + url + ": the port does not speak TLS (a plain"
                    + " MQTT port? then the URL must be tcp://) (the connection was closed at the TLS handshake)", 1,
                    "--url=" + url, "--ca-file=" + pki.file("ca.crt"));
        }
    }

    @Test
    void plainAgainstATlsPortAndAnUntrustedCertificateSayWhich() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir)
                .tls(pki.file("ca.crt"), pki.file("server.crt"), pki.file("server.key"), false).start()) {
            String plain = "tcp://127.0.0.1:" + broker.port();
            everyCommandSays("stampbox-fleet: cannot reach the broker at " + plain + ": the broker closed the connection"
                    + " at the login (a TLS port? then the URL must be ssl://)", 1, "--url=" + plain);
            everyCommandSays("stampbox-fleet: cannot reach the broker at " + broker.url() + ": TLS: the broker's"
                    + " certificate is not signed by the CA given (the CA file)", 1,
                    "--url=" + broker.url(), "--ca-file=" + pki.file("other.crt"));
        }
    }

    @Test
    void unusableOptionsAreUsageErrors() throws Exception {
        everyCommandSays("stampbox-fleet: --password-file: " + dir.resolve("nope") + ": no such file", 2,
                "--password-file=" + dir.resolve("nope"));
        Run r = fleet(List.of("status", "--url=mqtt://127.0.0.1:1883"));
        assertEquals(2, r.exit());
        assertEquals("stampbox-fleet: --url: must be tcp://host:port or ssl://host:port, got \"mqtt://127.0.0.1:1883\"",
                r.err().lines().findFirst().orElseThrow());
    }
}
