package io.stampbox.provision;

import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.PtyPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.PtyTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check against a real pty scanner, the real storage dir and the mosquitto on 127.0.0.1:1883. */
@BrokerTest
@PtyTest
class CheckCommandTest {

    private static final Environment.Resolver LOCAL_ONLY = host -> {
        if (host.equals("127.0.0.1")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        throw new UnknownHostException(host);
    };

    @TempDir
    Path dir;
    private PtyPair pty;
    private final StringWriter text = new StringWriter();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void startPty() throws IOException {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed: check tests skipped");
        pty = PtyPair.start(dir);
    }

    @AfterEach
    void stopPty() throws IOException {
        if (pty != null) {
            pty.close();
        }
    }

    private Path config(String brokerUrl) throws IOException {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"device": {"id": "till-1", "store": "bakery-7"},
                 "scanner": {"type": "serial", "port": "%s"},
                 "mqtt": {"url": "%s"},
                 "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4,})$"},
                 "feedback": {"platform": "console"}}
                """.formatted(pty.devicePath(), brokerUrl, dir.resolve("data")));
        return config;
    }

    private List<CheckResult> check(Path config, String user, int scanSeconds, boolean synced) {
        return check(config, user, scanSeconds, synced, false);
    }

    private List<CheckResult> check(Path config, String user, int scanSeconds, boolean synced, boolean walk) {
        Environment env = new Environment(new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group")), LOCAL_ONLY,
                () -> synced, 0, new PrintStream(console, true, StandardCharsets.UTF_8));
        return CheckCommand.run(new CheckPlan(config, user, scanSeconds, walk, 1, 2), env, new PrintWriter(text, true));
    }

    private CheckResult item(List<CheckResult> results, String title) {
        return results.stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow(() -> new AssertionError(text));
    }

    private static boolean brokerUp() {
        try (Socket socket = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aWorkingUnitPassesEveryCheckIncludingALiveScan() throws IOException {
        assumeTrue(brokerUp(), "no mosquitto on 127.0.0.1:1883");
        keepScanning(pty, "CARD-123456");
        List<CheckResult> results = check(config("tcp://127.0.0.1:1883"), "root", 5, true);
        assertTrue(results.stream().allMatch(CheckResult::ok), text.toString());
        assertEquals(List.of("config", "scanner port", "test scan", "storage", "broker", "clock"),
                results.stream().map(CheckResult::title).toList());
        assertTrue(item(results, "test scan").detail().contains("read CA…56, a card"), text.toString());
        assertFalse(text.toString().contains("123456"), "codes are masked: " + text);
    }

    @Test
    void mqtt311PassesWithAWarningThatRefusedPublishesLookDelivered() throws IOException {
        assumeTrue(brokerUp(), "no mosquitto on 127.0.0.1:1883");
        Path config = config("tcp://127.0.0.1:1883");
        Files.writeString(config, Files.readString(config).replace("\"mqtt\": {", "\"mqtt\": {\"protocol\": \"3.1.1\", "));
        CheckResult broker = item(check(config, "root", 0, true), "broker");
        assertTrue(broker.ok(), text.toString());
        assertTrue(broker.detail().endsWith(BrokerCheck.MQTT_311_WARNING), broker.detail());

        CheckResult five = item(check(config("tcp://127.0.0.1:1883"), "root", 0, true), "broker");
        assertFalse(five.detail().contains("warning"), five.detail());
    }

    @Test
    void aClosedBrokerPortFailsAtTheTcpStep() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CheckResult broker = item(check(config("tcp://127.0.0.1:" + closed), "root", 0, true), "broker");
        assertFalse(broker.ok());
        assertTrue(broker.detail().startsWith("TCP: cannot connect to 127.0.0.1:" + closed), broker.detail());
    }

    @Test
    void everyBrokerOfMqttUrlsIsCheckedAndAFailureNamesItsUrl() throws IOException {
        assumeTrue(brokerUp(), "no mosquitto on 127.0.0.1:1883");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path config = config("tcp://127.0.0.1:1883");
        Files.writeString(config, Files.readString(config).replace("\"url\": \"tcp://127.0.0.1:1883\"",
                "\"urls\": [\"tcp://127.0.0.1:1883\", \"tcp://127.0.0.1:" + closed + "\"]"));
        CheckResult broker = item(check(config, "root", 0, true), "broker");
        assertFalse(broker.ok());
        assertTrue(broker.detail().startsWith("tcp://127.0.0.1:" + closed + ": TCP: cannot connect to 127.0.0.1:" + closed),
                broker.detail());
        try (io.stampbox.testing.MosquittoBroker second = io.stampbox.testing.MosquittoBroker.builder(dir.resolve("b"))
                .start()) {
            Files.writeString(config, Files.readString(config).replace("tcp://127.0.0.1:" + closed, second.url()));
            broker = item(check(config, "root", 0, true), "broker");
            assertTrue(broker.ok(), broker.detail());
            assertEquals("DNS, TCP and login fine at all 2 brokers of mqtt.urls (tcp://127.0.0.1:1883, " + second.url() + ")",
                    broker.detail());
        }
    }

    @Test
    void anUnknownHostFailsAtTheDnsStep() throws IOException {
        CheckResult broker = item(check(config("tcp://broker.invalid:1883"), "root", 0, true), "broker");
        assertEquals("DNS: cannot resolve broker.invalid", broker.detail());
    }

    @Test
    void aRootOwned0600DeviceNeedsTheUdevRuleNotRootsGroup() throws IOException {
        Path passwd = dir.resolve("passwd");
        Path group = dir.resolve("group");
        Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nstampbox:x:990:990::/var/lib/stampbox:/usr/sbin/nologin\n");
        Files.writeString(group, "root:x:0:\nstampbox:x:990:\ndialout:x:20:\n");
        Environment env = new Environment(new Accounts(passwd, group), LOCAL_ONLY, () -> true, 0, System.out);
        Path device = pty.devicePath().toRealPath();
        Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("rw-------"));
        Files.setAttribute(device, "posix:group", device.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByGroupName("root"));
        CheckResult port = item(CheckCommand.run(new CheckPlan(config("tcp://127.0.0.1:1"), "stampbox", 0, false, 1, 2),
                env, new PrintWriter(text, true)), "scanner port");
        assertFalse(port.ok());
        assertFalse(port.fix().contains("adduser"), "joining group root would not help: " + port.render());
        assertTrue(port.fix().contains("99-stampbox-scanner.rules") && port.fix().contains("chmod 0660 " + device),
                port.render());

        // group dialout may read and write it: then joining dialout is the fix
        Files.setAttribute(device, "posix:group", device.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByGroupName("dialout"));
        Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("rw-rw----"));
        port = item(CheckCommand.run(new CheckPlan(config("tcp://127.0.0.1:1"), "stampbox", 0, false, 1, 2),
                env, new PrintWriter(text, true)), "scanner port");
        assertFalse(port.ok());
        assertEquals("adduser stampbox dialout, then systemctl restart stampbox", port.fix(), port.render());
    }

    @Test
    void aMissingScannerAndAnUnsyncedClockAreFailuresWithFixes() throws IOException {
        Path config = config("tcp://127.0.0.1:1883");
        pty.close();
        List<CheckResult> results = check(config, "root", 0, false);
        assertFalse(item(results, "scanner port").ok());
        assertTrue(item(results, "scanner port").detail().endsWith("does not exist"), text.toString());
        assertFalse(item(results, "clock").ok());
        assertTrue(text.toString().contains("✗ clock"), text.toString());
        assertTrue(text.toString().contains("    fix: timedatectl set-ntp true"), text.toString());
    }

    @Test
    void theWalkPlaysEverySignalOnTheUnitsOwnIndicator() throws IOException {
        List<CheckResult> results = check(config("tcp://127.0.0.1:1883"), "root", 0, true, true);
        CheckResult walk = item(results, "signals");
        assertTrue(walk.ok(), walk.render());
        List<String> lines = console.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(java.util.Arrays.stream(io.stampbox.wire.Signal.values()).map(s -> "SIGNAL " + s.wireName()).toList(),
                lines, "every signal, in order (the workflow signals included)");
        assertTrue(lines.containsAll(List.of("SIGNAL accepted", "SIGNAL fault", "SIGNAL reward-due")), lines.toString());
    }

    @Test
    void anInvalidConfigStopsTheChecklistWithItsErrors() throws IOException {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{\"device\": {\"id\": \"a b\"}}");
        List<CheckResult> results = check(config, "root", 0, true);
        assertEquals(1, results.size());
        assertTrue(results.get(0).detail().contains("device.id: must match"), text.toString());
    }

    /** A phone held under the scanner: the code again every 100 ms until the pty is gone. */
    private static void keepScanning(PtyPair pty, String code) {
        Thread thread = new Thread(() -> {
            try {
                while (pty.alive()) {
                    pty.writeLine(code);
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the pty is gone
            }
        }, "test-scanner");
        thread.setDaemon(true);
        thread.start();
    }
}
