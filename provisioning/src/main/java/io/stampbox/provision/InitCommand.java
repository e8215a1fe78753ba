package io.stampbox.provision;

import io.stampbox.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;

/**
 * Writes the unit's configuration from flags, laid over the existing file (so it can be re-run to change
 * one thing), validated by the unit's own validator, mode 0640, group {@code stampbox}, atomically.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write the unit's configuration (validated like the daemon does) and exit.")
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "/etc/stampbox/config.json", description = "default: ${DEFAULT-VALUE}")
    Path config;
    @Option(names = "--fresh", description = "start from nothing instead of the existing file")
    boolean fresh;
    @Option(names = "--group", defaultValue = "stampbox",
            description = "group that may read the file (the service's); empty to leave it; default: ${DEFAULT-VALUE}")
    String group;

    @Option(names = "--device-id", description = "device.id, [A-Za-z0-9_-]{1,64}") String deviceId;
    @Option(names = "--store", description = "device.store") String store;
    @Option(names = "--broker", description = "mqtt.url, tcp://host:port or ssl://host:port") String broker;
    @Option(names = "--topic-root", description = "mqtt.topicRoot") String topicRoot;
    @Option(names = "--username", description = "mqtt.username") String username;
    @Option(names = "--password-file", description = "file holding mqtt.password (kept out of the process list)")
    Path passwordFile;
    @Option(names = "--ask-password", interactive = true, description = "prompt for mqtt.password (not echoed)")
    char[] askedPassword;
    @Option(names = "--ca-file", description = "mqtt.tls.caFile") String caFile;
    @Option(names = "--cert-file", description = "mqtt.tls.certFile") String certFile;
    @Option(names = "--key-file", description = "mqtt.tls.keyFile") String keyFile;
    @Option(names = "--scanner-type", description = "scanner.type: serial or stdin") String scannerType;
    @Option(names = "--scanner-port", description = "scanner.port, e.g. /dev/stampbox-scanner") String scannerPort;
    @Option(names = "--scanner-baud", description = "scanner.baud") Integer scannerBaud;
    @Option(names = "--scanner-profile", description = "scanner.profile: generic, gm65, gm65-continuous") String profile;
    @Option(names = "--card-pattern", description = "codes.cardPattern (regex; group 'card')") String cardPattern;
    @Option(names = "--voucher-pattern", description = "codes.voucherPattern (regex; group 'voucher')") String voucherPattern;
    @Option(names = "--cooldown-seconds", description = "codes.cooldownSeconds") Integer cooldownSeconds;
    @Option(names = "--storage-dir", description = "storage.dir") String storageDir;
    @Option(names = "--feedback", description = "feedback.platform: gpio, console or none") String feedback;
    @Option(names = "--led-type", description = "feedback.led.type: traffic or rgb") String ledType;
    @Option(names = "--led-green", description = "feedback.led.green (BCM)") Integer green;
    @Option(names = "--led-amber", description = "feedback.led.amber (BCM)") Integer amber;
    @Option(names = "--led-red", description = "feedback.led.red (BCM)") Integer red;
    @Option(names = "--led-blue", description = "feedback.led.blue (BCM)") Integer blue;
    @Option(names = "--buzzer-type", description = "feedback.buzzer.type: active, passive or none") String buzzerType;
    @Option(names = "--buzzer-pin", description = "feedback.buzzer.pin (BCM)") Integer buzzerPin;
    @Option(names = "--setup-public-key", description = "setup.publicKeyFile: the fleet's key that setup codes must be signed with")
    String setupPublicKey;

    /** The plan, from the arguments only: no file is touched. */
    InitPlan plan() {
        Map<String, Object> s = new LinkedHashMap<>();
        put(s, "device.id", deviceId);
        put(s, "device.store", store);
        put(s, "mqtt.url", broker);
        put(s, "mqtt.topicRoot", topicRoot);
        put(s, "mqtt.username", username);
        put(s, "mqtt.tls.caFile", caFile);
        put(s, "mqtt.tls.certFile", certFile);
        put(s, "mqtt.tls.keyFile", keyFile);
        put(s, "scanner.type", scannerType);
        put(s, "scanner.port", scannerPort);
        put(s, "scanner.baud", scannerBaud);
        put(s, "scanner.profile", profile);
        put(s, "codes.cardPattern", cardPattern);
        put(s, "codes.voucherPattern", voucherPattern);
        put(s, "codes.cooldownSeconds", cooldownSeconds);
        put(s, "storage.dir", storageDir);
        put(s, "feedback.platform", feedback);
        put(s, "feedback.led.type", ledType);
        put(s, "feedback.led.green", green);
        put(s, "feedback.led.amber", amber);
        put(s, "feedback.led.red", red);
        put(s, "feedback.led.blue", blue);
        put(s, "feedback.buzzer.type", buzzerType);
        put(s, "feedback.buzzer.pin", buzzerPin);
        put(s, "setup.publicKeyFile", setupPublicKey);
        if (passwordFile != null) {
            s.put("mqtt.password", new SecretFile(passwordFile));
        } else if (askedPassword != null) {
            s.put("mqtt.password", new String(askedPassword));
        }
        return new InitPlan(config, s, fresh, group == null || group.isEmpty() ? null : group);
    }

    private static void put(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InitPlan plan = plan();
        try {
            String json = ConfigDocument.build(plan);
            ConfigFileWriter.write(plan.config(), json, plan.group(), out);
            out.println("✓ wrote " + plan.config() + " (valid); next: stampbox-provision check");
            return Exit.OK;
        } catch (ConfigException e) {
            err.println("✗ not written: the configuration would not be valid:");
            e.errors().forEach(error -> err.println("  " + error));
            return Exit.USAGE;
        } catch (IOException e) {
            err.println("✗ not written: " + e.getMessage());
            return Exit.FAILED;
        }
    }

    /** A password to be read from a file when the plan is carried out, never before. */
    record SecretFile(Path path) {
        String read() throws IOException {
            return Files.readString(path).strip();
        }

        @Override
        public String toString() {
            return "<from " + path + ">";
        }
    }
}
