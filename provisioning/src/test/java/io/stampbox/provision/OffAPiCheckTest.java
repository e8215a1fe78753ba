package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code check} with {@code feedback.platform gpio} on a machine that is not a Pi (this one): the GPIO
 * items point at {@code --feedback console}, not at the service or group gpio, and Pi4J's own log lines
 * stay out of the checklist ({@code toolkit.ToolLogging} turns {@code com.pi4j} off).
 */
class OffAPiCheckTest {

    @TempDir
    Path dir;

    @Test
    void gpioOffAPiPointsAtTheConsolePlatform() throws Exception {
        assumeFalse(PiModel.isPi(PiModel.MODEL), "this is a Raspberry Pi");
        Main.commandLine(); // the tool's logging, as when it runs
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"device": {"id": "till-1", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "%s"},
                 "codes": {"cardPattern": "^C(?<card>.+)$"}, "feedback": {"platform": "gpio"}}
                """.formatted(dir.resolve("data")));
        Environment env = new Environment(new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group")),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, () -> true, 0,
                new PrintStream(PrintStream.nullOutputStream()));
        StringWriter text = new StringWriter();
        List<CheckResult> results = CheckCommand.run(new CheckPlan(config, "root", 0, true, 1, 1), env,
                new PrintWriter(text, true));
        CheckResult walk = results.stream().filter(r -> r.title().equals("signals")).findFirst().orElseThrow();
        assertFalse(walk.ok(), walk.render());
        assertTrue(walk.fix().startsWith("this machine is not a Raspberry Pi") && walk.fix().contains("--feedback console"),
                walk.render());
        assertFalse(walk.fix().contains("group gpio"), walk.render());
        results.stream().filter(r -> r.title().equals("GPIO") && !r.ok())
                .forEach(r -> assertTrue(r.fix().contains("--feedback console"), r.render()));
        assertFalse(LoggerFactory.getLogger("com.pi4j.boardinfo.util.BoardInfoHelper").isErrorEnabled(),
                "Pi4J's own lines are off in the tools");
    }
}
