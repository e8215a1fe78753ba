package io.stampbox.provision;

import io.stampbox.responder.ResponderCommand;
import io.stampbox.toolkit.Tools;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stampbox-provision}: the installer's tool. Exit 0 when all went well, 1 when a check failed, 2 on bad input. */
@Command(name = "stampbox-provision", mixinStandardHelpOptions = true, versionProvider = Tools.ProvisionVersion.class,
        description = "Configure and check a Stampbox counter unit.",
        subcommands = {InitCommand.class, CheckCommand.class, OutboxCommand.class, SetupKeyCommand.class,
            SetupCodeCommand.class, ResponderCommand.class, StatusCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return Tools.commandLine(new Main());
    }
}
