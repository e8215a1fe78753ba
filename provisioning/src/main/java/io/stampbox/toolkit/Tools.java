package io.stampbox.toolkit;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every tool's {@code Main} shares: the picocli set-up and the version line. */
public final class Tools {

    private Tools() {}

    /**
     * A command line for a tool's root command, the same for every tool: every command and subcommand
     * answers {@code --help} and {@code --version} (the root's version line: the tool that runs) and takes
     * {@code --debug}; failures are one line and the exit code of {@link Exit} ({@link Failures}); logging as
     * {@link ToolLogging} says.
     */
    public static CommandLine commandLine(Object root) {
        ToolLogging.quiet();
        CommandLine line = new CommandLine(root);
        prepare(line, line.getCommandSpec().versionProvider());
        line.setExecutionExceptionHandler(new Failures.OnExecution());
        line.setParameterExceptionHandler(new Failures.OnParameters());
        line.setExitCodeExceptionMapper(e -> e instanceof ToolFailure f ? f.exitCode() : Exit.FAILED);
        return line;
    }

    private static void prepare(CommandLine line, IVersionProvider version) {
        CommandSpec spec = line.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.mixinStandardHelpOptions(true);
        }
        if (version != null) {
            spec.versionProvider(version);
        }
        if (spec.findOption(Failures.DEBUG) == null) {
            spec.addOption(OptionSpec.builder(Failures.DEBUG)
                    .description("on a failure, print the stack trace after the one-line message").build());
        }
        for (CommandLine sub : line.getSubcommands().values()) {
            prepare(sub, version);
        }
    }

    /** The jar's version ("dev" when run from classes), after the tool's own name. */
    public static String versionOf(String tool) {
        String version = Tools.class.getPackage().getImplementationVersion();
        return tool + " " + (version == null ? "dev" : version);
    }

    /** {@code stampbox-provision}'s version line. */
    public static final class ProvisionVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionOf("stampbox-provision")};
        }
    }

    /** {@code stampbox-fleet}'s version line. */
    public static final class FleetVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionOf("stampbox-fleet")};
        }
    }

    /** {@code stampbox-responder}'s version line. */
    public static final class ResponderVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionOf("stampbox-responder")};
        }
    }
}
