package io.stampbox.docgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

class PackageDocsTest {

    @TempDir
    Path dir;

    /** stampbox-host parses its arguments by hand: its man page's model must name exactly what its --help does. */
    @Test
    void theDaemonsPageNamesTheOptionsItsHelpNames() throws Exception {
        Method run = Class.forName("io.stampbox.app.Main").getDeclaredMethod("run", String[].class, PrintStream.class,
                PrintStream.class);
        run.setAccessible(true);
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(help, true, StandardCharsets.UTF_8);
        assertEquals(0, run.invoke(null, new String[] {"--help"}, out, out));
        Set<String> helped = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(--?[a-z-]+)(?:, (-[a-z]))?").matcher(help.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            helped.add(m.group(1));
            if (m.group(2) != null) {
                helped.add(m.group(2));
            }
        }
        Set<String> modelled = new TreeSet<>();
        for (OptionSpec o : PackageDocs.host().getCommandSpec().options()) {
            modelled.addAll(Set.of(o.names()));
        }
        assertEquals(helped, modelled, help.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesAPageAndACompletionPerToolWithEverySubcommand() throws Exception {
        PackageDocs.write(dir, "1.2.3");
        for (String tool : PackageDocs.tools().keySet()) {
            byte[] gz = Files.readAllBytes(dir.resolve("man/" + tool + ".1.gz"));
            String page = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(page.startsWith(".TH " + tool.toUpperCase() + " 1 \"\" \"stampbox 1.2.3\""), page);
            assertTrue(Files.readString(dir.resolve("completion/" + tool)).contains("complete -F"), tool);
        }
        String provision = new String(new GZIPInputStream(Files.newInputStream(dir.resolve("man/stampbox-provision.1.gz")))
                .readAllBytes(), StandardCharsets.UTF_8);
        for (String sub : io.stampbox.provision.Main.commandLine().getSubcommands().keySet()) {
            assertTrue(provision.contains(".SS \"stampbox-provision " + sub + "\""), sub);
        }
        assertTrue(provision.contains("\\fB\\-\\-state\\-file\\fR \\fIFILE\\fR"), provision);
    }

    @Test
    void troffControlCharactersAtALineStartAreEscaped() {
        assertEquals("\\&.hidden\nback\\eslash", ManPage.text(".hidden\nback\\slash"));
    }
}
