package io.stampbox.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.testing.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * systemd/99-stampbox-scanner.rules: {@code udevadm verify} where udev has it (systemd >= 254), and
 * always a structural check of every line against udev's rule syntax.
 */
class UdevRulesTest {

    private static final Path RULES = Tools.systemdDir().resolve("99-stampbox-scanner.rules");
    private static final Pattern PAIR = Pattern.compile(
            "\\s*([A-Z_]+)(?:\\{([^}]+)\\})?\\s*(==|!=|\\+=|-=|:=|=)\\s*\"([^\"]*)\"\\s*(?:,|$)");
    private static final Set<String> MATCH_KEYS = Set.of("ACTION", "SUBSYSTEM", "KERNEL", "ATTRS", "SYMLINK", "TEST");
    private static final Set<String> ASSIGN_KEYS = Set.of("SYMLINK", "GROUP", "MODE", "ENV", "OPTIONS", "GOTO", "LABEL");
    private static final Pattern USB_ID = Pattern.compile("[0-9a-f]{4}");

    record Pair(String key, String attribute, String op, String value) {}

    @Test
    void everyLineIsAValidRule() throws IOException {
        Set<String> gotos = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (List<Pair> rule : rules()) {
            for (Pair pair : rule) {
                boolean match = pair.op().equals("==") || pair.op().equals("!=");
                assertTrue((match ? MATCH_KEYS : ASSIGN_KEYS).contains(pair.key()), "unexpected " + pair);
                if (pair.key().equals("GOTO")) {
                    gotos.add(pair.value());
                } else if (pair.key().equals("LABEL")) {
                    labels.add(pair.value());
                }
            }
        }
        assertEquals(gotos, labels, "every GOTO needs its LABEL");
    }

    @Test
    void everyMatchNamesTheScannerAndKeepsModemManagerAway() throws IOException {
        int named = 0;
        for (List<Pair> rule : rules()) {
            if (rule.stream().anyMatch(p -> p.key().equals("SYMLINK") && p.op().equals("+="))) {
                named++;
                assertTrue(rule.contains(new Pair("SYMLINK", null, "+=", "stampbox-scanner")), rule.toString());
                assertTrue(rule.contains(new Pair("ENV", "ID_MM_DEVICE_IGNORE", "=", "1")), rule.toString());
                assertTrue(rule.contains(new Pair("GROUP", null, "=", "dialout")), rule.toString());
            }
            for (Pair p : rule) {
                if (p.key().equals("ATTRS") && p.attribute().startsWith("id")) {
                    assertTrue(USB_ID.matcher(p.value()).matches(), "USB ids are 4 lower-case hex digits: " + p);
                }
            }
        }
        assertEquals(7, named, "4 scanner makers, 2 USB-UART bridges, the Pi's UART");
    }

    @Test
    void thePiUartIsOnlyTheScannerWhenTheInstallerSaysSo() throws IOException {
        List<Pair> uart = rules().stream()
                .filter(r -> r.contains(new Pair("SYMLINK", null, "==", "serial0"))).findFirst().orElseThrow();
        assertTrue(uart.contains(new Pair("TEST", null, "==", "/etc/stampbox/scanner-on-uart")), uart.toString());
    }

    @Test
    @ProcessTest
    void udevadmVerifyAcceptsThem() throws IOException {
        assumeTrue(Tools.available("udevadm", "verify", "--help"),
                "udevadm verify needs udev from systemd 254 or newer; the structural tests above still ran");
        Tools.Result result = Tools.run(List.of("udevadm", "verify", RULES.toString()));
        assertEquals(0, result.exitCode(), result.output());
    }

    private static List<List<Pair>> rules() throws IOException {
        List<List<Pair>> rules = new ArrayList<>();
        for (String line : Files.readAllLines(RULES)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rules.add(parse(line));
            }
        }
        assertFalse(rules.isEmpty());
        return rules;
    }

    private static List<Pair> parse(String line) {
        List<Pair> pairs = new ArrayList<>();
        Matcher m = PAIR.matcher(line);
        int at = 0;
        while (at < line.length()) {
            assertTrue(m.find(at) && m.start() == at, "cannot parse at column " + at + ": " + line);
            pairs.add(new Pair(m.group(1), m.group(2), m.group(3), m.group(4)));
            at = m.end();
        }
        return pairs;
    }
}
