package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.wire.Signal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code check --walk} on the console platform plays every signal, the staff workflow's included. */
class SignalWalkTest {

    @Test
    void playsEverySignalByName() {
        UnitConfig.Feedback console = new UnitConfig.Feedback(UnitConfig.Platform.CONSOLE,
                new UnitConfig.Led(UnitConfig.LedType.TRAFFIC, 17, 27, 22, 24, false),
                new UnitConfig.Buzzer(UnitConfig.BuzzerType.ACTIVE, 18));
        StringWriter said = new StringWriter();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        new SignalWalk(console, 0).run(new PrintWriter(said), new PrintStream(lines, true, StandardCharsets.UTF_8));
        String shown = lines.toString(StandardCharsets.UTF_8);
        for (Signal signal : Signal.values()) {
            assertTrue(shown.contains("SIGNAL " + signal.wireName() + "\n"), signal + " not played: " + shown);
            assertTrue(said.toString().contains("now: " + signal.wireName()), said.toString());
        }
        assertTrue(shown.contains("SIGNAL reward-due\n") && shown.contains("SIGNAL nothing-to-undo\n"));
    }
}
