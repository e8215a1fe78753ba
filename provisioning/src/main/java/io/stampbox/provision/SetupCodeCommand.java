package io.stampbox.provision;

import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import io.stampbox.setup.FleetKeys;
import io.stampbox.setup.SetupCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;

/** Makes a signed setup code as a QR code: drawn in the terminal and, with --png, as an image to print. */
@Command(name = "setup-code", mixinStandardHelpOptions = true,
        description = "Make a QR code that sets up a unit when scanned at it (device id, store, broker), signed with the fleet key.")
final class SetupCodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, description = "the fleet's private key (setup-key)") Path key;
    @Option(names = "--device-id", required = true) String deviceId;
    @Option(names = "--store", required = true) String store;
    @Option(names = "--broker", required = true, description = "tcp://host:port or ssl://host:port") String broker;
    @Option(names = "--topic-root") String topicRoot;
    @Option(names = "--valid-for", defaultValue = "PT24H", description = "ISO-8601 duration; default: ${DEFAULT-VALUE}")
    Duration validFor;
    @Option(names = "--png", description = "also write the QR code to this PNG file") Path png;
    @ArgGroup(exclusive = true, multiplicity = "1") Target target;

    /** Which unit may take the code: exactly one. */
    static final class Target {
        @Option(names = "--for-unit", paramLabel = "ID", description = "only the unit whose device.id is ID now")
        String unit;
        @Option(names = "--for-serial", paramLabel = "SERIAL",
                description = "only the board with this hardware serial (cat /sys/firmware/devicetree/base/serial-number)")
        String serial;
        @Option(names = "--any-unit", description = "any unit of the fleet (e.g. a fresh one with the image's id)")
        boolean any;

        SetupCodes.Binding binding() {
            return unit != null ? SetupCodes.Binding.unit(unit)
                    : serial != null ? SetupCodes.Binding.serial(serial) : SetupCodes.Binding.ANY;
        }
    }

    SetupCodePlan plan() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("device.id", deviceId);
        settings.put("device.store", store);
        settings.put("mqtt.url", broker);
        if (topicRoot != null) {
            settings.put("mqtt.topicRoot", topicRoot);
        }
        return new SetupCodePlan(key, settings, target.binding(), validFor, png);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SetupCodePlan plan = plan();
        if (plan.validFor().isNegative() || plan.validFor().isZero()
                || plan.validFor().compareTo(SetupCodes.MAX_VALIDITY) > 0) {
            spec.commandLine().getErr().println("✗ --valid-for: must be more than 0 and at most "
                    + SetupCodes.MAX_VALIDITY + " (units refuse longer codes), got " + plan.validFor());
            return Exit.USAGE;
        }
        try {
            Instant expiresAt = Instant.now().plus(plan.validFor()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String text = SetupCodes.sign(plan.settings(), plan.binding(), SetupCodes.newNonce(), expiresAt,
                    FleetKeys.readPrivate(plan.key()));
            BitMatrix matrix = QrCodes.encode(text);
            out.print(QrCodes.terminal(matrix));
            out.println("setup code for " + plan.settings().get("device.id") + ", to be scanned at " + plan.binding()
                    + ", once, valid until " + expiresAt);
            out.println("code: " + text);
            if (plan.png() != null) {
                List<String> caption = List.of("unit " + plan.settings().get("device.id") + "  store "
                        + plan.settings().get("device.store"), "scan at " + plan.binding(), "valid until " + expiresAt);
                boolean captioned = QrCodes.writePng(matrix, caption, plan.png());
                out.println("✓ wrote " + plan.png() + (captioned ? " (captioned: " + String.join("; ", caption) + ")"
                        : " (no caption: this JVM has no font; the lines above say what it holds)"));
            }
            return Exit.OK;
        } catch (IOException | GeneralSecurityException | WriterException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("✗ " + e.getMessage());
            return Exit.FAILED;
        }
    }
}
