package io.stampbox.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command and subcommand of every tool, found by walking picocli's command tree: {@code --help}
 * prints its usage and exits 0 (even where parameters are required), {@code --version} names the tool that
 * runs, and a bad command line (an unknown option, a missing parameter) is one line plus where help is, exit 2, no stack trace.
 */
class CommandTreeTest {

    private static final List<Tool> TOOLS = List.of(
            new Tool("stampbox-fleet", io.stampbox.fleetctl.Main::commandLine),
            new Tool("stampbox-provision", io.stampbox.provision.Main::commandLine),
            new Tool("stampbox-responder", io.stampbox.responder.Main::commandLine),
            new Tool("stampbox-ingest", io.stampbox.ingest.Main::commandLine));

    private record Tool(String name, Supplier<CommandLine> line) {}

    private record Run(int exit, String out, String err) {}

    private static Run run(Tool tool, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = tool.line().get().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Each command's path below the root, e.g. [config, push]; the root as []. */
    private static List<List<String>> paths(CommandLine line, List<String> prefix) {
        List<List<String>> all = new ArrayList<>();
        all.add(prefix);
        line.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            all.addAll(paths(sub, path));
        });
        return all;
    }

    @Test
    void everyCommandAnswersHelpAndVersionWithTheToolsName() {
        int commands = 0;
        for (Tool tool : TOOLS) {
            for (List<String> path : paths(tool.line().get(), List.of())) {
                commands++;
                List<String> help = new ArrayList<>(path);
                help.add("--help");
                Run r = run(tool, help);
                String name = String.join(" ", path);
                assertEquals(0, r.exit(), tool.name() + " " + name + " --help: " + r.err());
                assertTrue(r.out().startsWith("Usage: " + (tool.name() + " " + name).strip()), r.out());
                assertEquals("", r.err());
                List<String> version = new ArrayList<>(path);
                version.add("--version");
                r = run(tool, version);
                assertEquals(0, r.exit(), name + " --version: " + r.err());
                assertTrue(r.out().startsWith(tool.name() + " "), name + " --version: " + r.out());
            }
        }
        assertTrue(commands >= 14, "walked " + commands + " commands");
    }

    @Test
    void aBadOptionIsOneLineAndWhereHelpIsExitTwo() {
        for (Tool tool : TOOLS) {
            for (List<String> path : paths(tool.line().get(), List.of())) {
                List<String> args = new ArrayList<>(path);
                args.add("--no-such-option");
                Run r = run(tool, args);
                assertEquals(Exit.USAGE, r.exit(), String.join(" ", args));
                List<String> lines = r.err().lines().toList();
                assertTrue(lines.get(0).startsWith(tool.name() + ": "), r.err());
                assertEquals(2, lines.size(), r.err());
                assertTrue(lines.get(1).startsWith("Try '" + tool.name()), r.err());
                assertFalse(r.err().contains("Exception"), r.err());
            }
        }
    }
}
