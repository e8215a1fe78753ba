package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.stampbox.config.UnitConfig.BuzzerType;
import io.stampbox.config.UnitConfig.LedType;
import io.stampbox.config.UnitConfig.Platform;
import io.stampbox.config.UnitConfig.ScannerType;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Every configuration key, its type, default and rule: the one place that defines section 2. */
final class UnitConfigSchema {

    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The fleet-wide topic level: never a unit's id. */
    static final String FLEET_LEVEL = "_fleet";
    /** The tools' own topic level (wire.Topics.TOOLS). */
    static final String TOOLS_LEVEL = "_cli";
    /** Levels of printable ASCII without +, # or /; the first level does not start with $ (broker topics). */
    private static final Pattern TOPIC_ROOT = Pattern.compile("[!-~&&[^+#/$]][!-~&&[^+#/]]{0,63}(/[!-~&&[^+#/]]{1,64}){0,7}");
    private static final Pattern NON_BLANK = Pattern.compile("[^\\p{Cntrl}]{0,127}\\S[^\\p{Cntrl}]{0,127}");
    private static final Pattern PROTOCOL = Pattern.compile("5|3\\.1\\.1");
    private static final long MAX_PIN = 27;
    /** 366 days: a longer cooldown would overflow as milliseconds and turn cooldown off. */
    static final long MAX_COOLDOWN_SECONDS = 366L * 86_400;

    private UnitConfigSchema() {}

    static UnitConfig read(Map<String, JsonNode> flat, long version) throws ConfigException {
        ConfigFields f = new ConfigFields(flat);
        UnitConfig.Staff staff = WorkflowFields.staff(f);
        UnitConfig.Workflow workflow = WorkflowFields.workflow(f);
        UnitConfig config = new UnitConfig(
                device(f), scanner(f), mqtt(f), storage(f), codes(f),
                new UnitConfig.Remote(f.integer("config.rollbackSeconds", 120, 10, 86_400)),
                feedback(f),
                new UnitConfig.Health(f.integer("health.intervalSeconds", 60, 1, 86_400)),
                new UnitConfig.ClockSync(f.bool("clock.assumeSynced", false)),
                new UnitConfig.Setup(f.readableFile("setup.publicKeyFile")),
                staff, workflow, WorkflowFields.update(f),
                version);
        WorkflowFields.checkPins(f, config.feedback(), staff, workflow);
        for (String key : f.unknownKeys()) {
            f.error(key, "unknown key");
        }
        if (!f.errors().isEmpty()) {
            throw new ConfigException(f.errors());
        }
        return config;
    }

    private static UnitConfig.Device device(ConfigFields f) {
        String id = f.matching("device.id", null, true, DEVICE_ID, "[A-Za-z0-9_-]{1,64}");
        if (FLEET_LEVEL.equals(id) || TOOLS_LEVEL.equals(id)) {
            f.error("device.id", "\"" + id + "\" is reserved for " + (FLEET_LEVEL.equals(id) ? "fleet-wide" : "the tools'")
                    + " topics");
            id = null;
        }
        return new UnitConfig.Device(id,
                f.matching("device.store", null, true, NON_BLANK,
                        "a non-blank string of at most 255 characters without control characters"));
    }

    private static UnitConfig.Scanner scanner(ConfigFields f) {
        ScannerType type = f.choice("scanner.type", ScannerType.SERIAL, ScannerType.class);
        String port = f.string("scanner.port", null, type == ScannerType.SERIAL);
        if (port != null && (port.isBlank() || port.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            f.error("scanner.port", "must be a device path, got " + ConfigFields.quote(port));
            port = null;
        }
        return new UnitConfig.Scanner(
                type,
                port,
                (int) f.integer("scanner.baud", 9600, 1200, 921_600),
                (int) f.integer("scanner.maxFrameBytes", 4096, 16, 1_048_576),
                f.matching("scanner.profile", "generic", false, Pattern.compile("generic|gm65|gm65-continuous"),
                        "generic, gm65 or gm65-continuous"));
    }

    private static UnitConfig.Mqtt mqtt(ConfigFields f) {
        java.util.List<String> urls = MqttFields.urls(f);
        UnitConfig.Tls tls = new UnitConfig.Tls(
                f.readableFile("mqtt.tls.caFile"),
                f.readableFile("mqtt.tls.certFile"),
                f.privateFile("mqtt.tls.keyFile"));
        if ((tls.certFile() == null) != (tls.keyFile() == null)
                && f.errors().stream().noneMatch(e -> e.startsWith("mqtt.tls."))) {
            f.error(tls.certFile() == null ? "mqtt.tls.certFile" : "mqtt.tls.keyFile",
                    "required with " + (tls.certFile() == null ? "mqtt.tls.keyFile" : "mqtt.tls.certFile"));
        }
        return new UnitConfig.Mqtt(
                null,
                topicRoot(f),
                f.string("mqtt.username", null, false),
                f.secret("mqtt.password"),
                tls,
                UnitConfig.Protocol.of(f.matching("mqtt.protocol", "5", false, PROTOCOL, "\"5\" or \"3.1.1\"")),
                f.choice("uplink.ack", UnitConfig.Ack.BROKER, UnitConfig.Ack.class),
                urls, MqttFields.limits(f));
    }

    private static String topicRoot(ConfigFields f) {
        String root = f.matching("mqtt.topicRoot", "stampbox/v1", false, TOPIC_ROOT,
                "1 to 8 levels of 1 to 64 printable ASCII characters without +, #, spaces or empty levels,"
                        + " not starting with $");
        if (root != null && java.util.Arrays.asList(root.split("/")).contains(FLEET_LEVEL)) {
            f.error("mqtt.topicRoot", "the level \"" + FLEET_LEVEL + "\" is reserved, got " + ConfigFields.quote(root));
            return "stampbox/v1";
        }
        return root;
    }

    private static UnitConfig.Storage storage(ConfigFields f) {
        return new UnitConfig.Storage(
                f.path("storage.dir", true),
                f.integer("storage.maxEvents", 1_000_000, 1, 100_000_000));
    }

    private static UnitConfig.Codes codes(ConfigFields f) {
        Pattern cardPattern = f.regex("codes.cardPattern", true);
        return new UnitConfig.Codes(
                cardPattern,
                f.regex("codes.voucherPattern", false),
                f.integer("codes.repeatWindowMs", 2000, 0, 3_600_000),
                f.integer("codes.cooldownSeconds", 0, 0, MAX_COOLDOWN_SECONDS),
                f.integer("codes.redeemTimeoutMs", 3000, 100, 60_000),
                TotpFields.read(f, cardPattern),
                f.readableFile("codes.redeemPublicKeyFile"));
    }

    private static UnitConfig.Feedback feedback(ConfigFields f) {
        Platform platform = f.choice("feedback.platform", Platform.GPIO, Platform.class);
        UnitConfig.Led led = new UnitConfig.Led(
                f.choice("feedback.led.type", LedType.TRAFFIC, LedType.class),
                (int) f.integer("feedback.led.green", 17, 0, MAX_PIN),
                (int) f.integer("feedback.led.amber", 27, 0, MAX_PIN),
                (int) f.integer("feedback.led.red", 22, 0, MAX_PIN),
                (int) f.integer("feedback.led.blue", 24, 0, MAX_PIN),
                f.bool("feedback.led.activeLow", false));
        UnitConfig.Buzzer buzzer = new UnitConfig.Buzzer(
                f.choice("feedback.buzzer.type", BuzzerType.ACTIVE, BuzzerType.class),
                (int) f.integer("feedback.buzzer.pin", 18, 0, MAX_PIN));
        if (platform == Platform.GPIO) {
            checkDistinctPins(f, led, buzzer);
        }
        return new UnitConfig.Feedback(platform, led, buzzer);
    }

    private static void checkDistinctPins(ConfigFields f, UnitConfig.Led led, UnitConfig.Buzzer buzzer) {
        Map<Integer, String> used = new HashMap<>();
        if (led.type() == LedType.TRAFFIC) {
            claim(f, used, "feedback.led.green", led.green());
            claim(f, used, "feedback.led.amber", led.amber());
            claim(f, used, "feedback.led.red", led.red());
        } else {
            claim(f, used, "feedback.led.red", led.red());
            claim(f, used, "feedback.led.green", led.green());
            claim(f, used, "feedback.led.blue", led.blue());
        }
        if (buzzer.type() != BuzzerType.NONE) {
            claim(f, used, "feedback.buzzer.pin", buzzer.pin());
        }
    }

    private static void claim(ConfigFields f, Map<Integer, String> used, String key, int pin) {
        String other = used.putIfAbsent(pin, key);
        if (other != null) {
            f.error(key, "BCM pin " + pin + " is already used by " + other);
        }
    }
}
