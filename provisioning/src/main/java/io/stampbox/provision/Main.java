package io.stampbox.provision;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stampbox-provision}: the installer's tool. Exit 0 when all went well, 1 when a check failed, 2 on bad input. */
@Command(name = "stampbox-provision", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Configure and check a Stampbox counter unit.",
        subcommands = {InitCommand.class, CheckCommand.class, OutboxCommand.class, SetupKeyCommand.class,
            SetupCodeCommand.class, ResponderCommand.class})
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        return line;
    }
}
