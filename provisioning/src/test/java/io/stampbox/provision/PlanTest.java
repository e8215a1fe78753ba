package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import io.stampbox.toolkit.Exit;

/** Arguments parsed into plans, without touching a file, a device or the network. */
class PlanTest {

    private static Object command(String... args) {
        ParseResult result = Main.commandLine().parseArgs(args);
        return result.subcommand().commandSpec().userObject();
    }

    @Test
    void initTakesOnlyTheGivenFlagsAsDottedKeys() {
        InitCommand init = (InitCommand) command("init", "--config", "/tmp/x/config.json", "--device-id", "till-1",
                "--store", "bakery-7", "--broker", "ssl://mqtt.example:8883", "--scanner-profile", "gm65",
                "--scanner-baud", "9600", "--led-green", "5", "--password-file", "/nonexistent/secret",
                "--setup-public-key", "/etc/stampbox/fleet-setup.pub");
        InitPlan plan = init.plan();
        assertEquals(Path.of("/tmp/x/config.json"), plan.config());
        assertFalse(plan.fresh());
        assertEquals("stampbox", plan.group());
        Map<String, Object> s = plan.settings();
        assertEquals("till-1", s.get("device.id"));
        assertEquals("bakery-7", s.get("device.store"));
        assertEquals("ssl://mqtt.example:8883", s.get("mqtt.url"));
        assertEquals("gm65", s.get("scanner.profile"));
        assertEquals(9600, s.get("scanner.baud"));
        assertEquals(5, s.get("feedback.led.green"));
        assertEquals("/etc/stampbox/fleet-setup.pub", s.get("setup.publicKeyFile"));
        assertInstanceOf(InitCommand.SecretFile.class, s.get("mqtt.password"), "read only when the plan runs");
        assertEquals(8, s.size(), s.toString());
    }

    @Test
    void initDefaultsToTheSystemConfigAndAnEmptyGroupLeavesItAlone() {
        InitPlan plan = ((InitCommand) command("init", "--fresh", "--group", "")).plan();
        assertEquals(Path.of("/etc/stampbox/config.json"), plan.config());
        assertNull(plan.group());
        assertEquals(Map.of(), plan.settings());
    }

    @Test
    void checkPlanHasTheSafeDefaults() {
        CheckPlan plan = ((CheckCommand) command("check")).plan();
        assertEquals(new CheckPlan(Path.of("/etc/stampbox/config.json"), "stampbox", 0, false, 100, 5), plan);
        assertEquals(new CheckPlan(Path.of("c.json"), "root", 15, true, 10, 2),
                ((CheckCommand) command("check", "--config", "c.json", "--service-user", "root", "--scan", "15",
                        "--walk", "--min-free-mb", "10", "--broker-timeout", "2")).plan());
    }

    @Test
    void outboxInspectsUnlessAnExportIsNamed() {
        assertEquals(new OutboxPlan(Path.of("/etc/stampbox/config.json"), null), ((OutboxCommand) command("outbox")).plan());
        assertEquals(new OutboxPlan(Path.of("c.json"), Path.of("-")),
                ((OutboxCommand) command("outbox", "--config", "c.json", "--export", "-")).plan());
    }

    @Test
    void aBadNumberIsAUsageError() {
        assertThrows(CommandLine.ParameterException.class,
                () -> Main.commandLine().parseArgs("init", "--scanner-baud", "fast"));
        assertEquals(Exit.USAGE, Main.commandLine().execute("init", "--scanner-baud", "fast"));
    }
}
