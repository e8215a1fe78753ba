package io.stampbox.docgen;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A troff (man(7)) page for a picocli command tree: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, every subcommand
 * with its own options, EXIT STATUS and SEE ALSO, all from the command's definition, so the page says what
 * {@code --help} says.
 */
final class ManPage {

    /** Options every command takes: described once, under OPTIONS. */
    private static final java.util.Set<String> COMMON = java.util.Set.of("--help", "--version", "--debug");

    private final StringBuilder out = new StringBuilder();

    private ManPage() {}

    /** @param extra more sections, already troff (e.g. FILES), placed before SEE ALSO */
    static String of(CommandLine root, String version, String extra) {
        ManPage page = new ManPage();
        CommandSpec spec = root.getCommandSpec();
        String name = spec.name();
        page.line(".TH " + name.toUpperCase(java.util.Locale.ROOT) + " 1 \"\" \"stampbox " + version
                + "\" \"Stampbox manual\"");
        page.line(".SH NAME");
        page.line(text(name) + " \\- " + text(first(spec)));
        page.line(".SH SYNOPSIS");
        page.synopsis(spec);
        page.line(".SH DESCRIPTION");
        for (String paragraph : spec.usageMessage().description()) {
            page.line(text(paragraph));
        }
        page.options(spec);
        if (!root.getSubcommands().isEmpty()) {
            page.line(".SH COMMANDS");
            page.line("Every command also takes \\fB\\-\\-help\\fR, \\fB\\-\\-version\\fR and \\fB\\-\\-debug\\fR.");
            root.getSubcommands().values().forEach(sub -> page.command(sub, name));
        }
        page.line(".SH EXIT STATUS");
        page.line(".TP\n.B 0\nall went well\n.TP\n.B 1\na check or an operation failed (one line on stderr)\n"
                + ".TP\n.B 2\nbad usage or input");
        page.line(extra);
        page.line(".SH SEE ALSO");
        page.line("stampbox-host(1), stampbox-provision(1), stampbox-fleet(1), stampbox-ingest(1);"
                + " /usr/share/doc/stampbox/README.md");
        return page.out.toString();
    }

    private void command(CommandLine line, String parent) {
        CommandSpec spec = line.getCommandSpec();
        String path = parent + " " + spec.name();
        line(".SS \"" + text(path) + "\"");
        synopsis(spec, path);
        line(".PP");
        for (String paragraph : spec.usageMessage().description()) {
            line(text(paragraph));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                line(".TP\n.I " + text(p.paramLabel()) + "\n" + text(describe(p.description(), p.defaultValue(), p)));
            }
        }
        for (OptionSpec o : visible(spec)) {
            if (!COMMON.contains(o.longestName())) {
                option(o);
            }
        }
        line.getSubcommands().values().forEach(sub -> command(sub, path));
    }

    private void synopsis(CommandSpec spec) {
        synopsis(spec, spec.name());
    }

    private void synopsis(CommandSpec spec, String path) {
        StringBuilder s = new StringBuilder(".B " + text(path) + "\n");
        if (!visible(spec).isEmpty()) {
            s.append("[\\fIOPTIONS\\fR]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            s.append(" \\fI").append(text(p.paramLabel())).append("\\fR");
        }
        if (!spec.subcommands().isEmpty()) {
            s.append(" \\fICOMMAND\\fR");
        }
        line(".PP\n" + s.toString().strip());
    }

    private void options(CommandSpec spec) {
        List<OptionSpec> options = visible(spec);
        if (!options.isEmpty()) {
            line(".SH OPTIONS");
            options.forEach(this::option);
        }
    }

    private void option(OptionSpec o) {
        String names = String.join(", ", o.names()).replace("-", "\\-");
        String label = o.typeInfo().isBoolean() ? "" : " \\fI" + text(o.paramLabel()) + "\\fR";
        line(".TP\n\\fB" + names + "\\fR" + label + "\n" + text(describe(o.description(), o.defaultValue(), o)));
    }

    private static List<OptionSpec> visible(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    private static String describe(String[] description, String defaultValue, CommandLine.Model.ArgSpec arg) {
        String joined = String.join(" ", description);
        String candidates = "";
        if (arg.completionCandidates() != null) {
            candidates = String.join(", ", arg.completionCandidates());
        }
        return joined.replace("${DEFAULT-VALUE}", String.valueOf(defaultValue))
                .replace("${COMPLETION-CANDIDATES}", candidates);
    }

    private static String first(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? spec.name() : d[0];
    }

    /** Text safe in troff: backslashes escaped, no line starting with a control character. */
    static String text(String s) {
        String escaped = s.replace("\\", "\\e");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
        }
        return out.toString();
    }

    private void line(String s) {
        if (!s.isEmpty()) {
            out.append(s).append('\n');
        }
    }
}
