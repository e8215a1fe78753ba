package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.stampbox.setup.FleetKeys;
import io.stampbox.setup.SetupCode;
import io.stampbox.setup.SetupCodes;
import io.stampbox.testing.SlowTest;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** setup-key and setup-code end to end: the PNG decodes to a code the unit's verifier accepts. */
class SetupCodeCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    @SlowTest
    void theQrCodeCarriesASignedCodeTheUnitAccepts() throws Exception {
        assertEquals(0, run("setup-key", "--out", dir.toString()), err.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fleet-setup.key"))));
        Path png = dir.resolve("code.png");
        assertEquals(0, run("setup-code", "--key", dir.resolve("fleet-setup.key").toString(), "--device-id", "till-1",
                "--store", "bakery-7", "--broker", "ssl://mqtt.example:8883", "--valid-for", "PT1H", "--png", png.toString(),
                "--for-serial", "10000000abcdef01"),
                err.toString());
        assertTrue(out.toString().contains("█"), "drawn in the terminal");

        String text = decode(png);
        SetupCode code = SetupCodes.verify(text, FleetKeys.readPublic(dir.resolve("fleet-setup.pub")), Instant.now());
        assertTrue(code.accepted(), code.rejection());
        assertEquals(Map.of("device.id", "till-1", "device.store", "bakery-7", "mqtt.url", "ssl://mqtt.example:8883"),
                code.settings());
        assertTrue(code.expiresAt().isBefore(Instant.now().plus(Duration.ofMinutes(61))));
        assertEquals(SetupCodes.Binding.serial("10000000abcdef01"), code.binding());
        assertTrue(out.toString().contains("to be scanned at serial 10000000abcdef01, once"), out.toString());
        assertTrue(out.toString().contains("\ncode: " + text + "\n"), "the code text is printed: " + out);
        assertTrue(out.toString().contains("(captioned: unit till-1  store bakery-7; scan at serial 10000000abcdef01;"
                + " valid until " + code.expiresAt() + ")"), out.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getHeight() > image.getWidth(), "a caption band under the square code");
        long dark = 0;
        for (int y = image.getWidth(); y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                dark += (image.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        assertTrue(dark > 200, "the caption is drawn: " + dark + " dark pixels");
    }

    @Test
    void aCodeNeedsExactlyOneTargetAndACappedValidity() throws Exception {
        assertEquals(0, run("setup-key", "--out", dir.toString()), err.toString());
        String key = dir.resolve("fleet-setup.key").toString();
        assertEquals(2, run("setup-code", "--key", key, "--device-id", "till-1", "--store", "s", "--broker", "tcp://b:1883"));
        assertTrue(err.toString().contains("--for-unit"), err.toString());
        assertEquals(2, run("setup-code", "--key", key, "--device-id", "till-1", "--store", "s", "--broker", "tcp://b:1883",
                "--any-unit", "--for-unit", "till-1"));
        assertEquals(2, run("setup-code", "--key", key, "--device-id", "till-1", "--store", "s", "--broker", "tcp://b:1883",
                "--any-unit", "--valid-for", "P8D"));
        assertTrue(err.toString().contains("--valid-for: must be more than 0 and at most PT168H"), err.toString());
    }

    @Test
    void aSecondKeyIsNeverWrittenOverTheFirst() {
        assertEquals(0, run("setup-key", "--out", dir.toString()));
        assertEquals(1, run("setup-key", "--out", dir.toString()));
        assertTrue(err.toString().contains("exists"), err.toString());
    }

    @Test
    void thePlanComesFromTheArgumentsAlone() {
        SetupCodeCommand command = (SetupCodeCommand) Main.commandLine().parseArgs("setup-code", "--key", "/nonexistent",
                "--device-id", "till-1", "--store", "s", "--broker", "tcp://b:1883", "--topic-root", "x/v1",
                "--for-unit", "till-0").subcommand().commandSpec().userObject();
        assertEquals(new SetupCodePlan(Path.of("/nonexistent"), Map.of("device.id", "till-1", "device.store", "s",
                "mqtt.url", "tcp://b:1883", "mqtt.topicRoot", "x/v1"), SetupCodes.Binding.unit("till-0"), Duration.ofHours(24),
                null), command.plan());
    }

    private static String decode(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        // as a scanner reads it: the whole printed image, caption included, trying hard (the caption's text
        // under the code made the quick pass miss the code now and then)
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
