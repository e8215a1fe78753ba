package io.stampbox.fleetctl;

import io.stampbox.toolkit.Tools;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stampbox-fleet}: the fleet admin's tool (contract sections 3.4 and 3.5) over the broker. Exit 0
 * when all went well, 1 on a failure or timeout (broker unreachable, command failed, no answer), 2 on
 * bad usage or a document that does not validate.
 */
@Command(name = "stampbox-fleet", mixinStandardHelpOptions = true, versionProvider = Tools.FleetVersion.class,
        description = "Configure and command a fleet of Stampbox units over MQTT.",
        subcommands = {FleetConfigCommand.class, FleetStatusCommand.class, FleetCmdCommand.class,
            FleetForgetCommand.class, FleetLogsCommand.class, UpdateCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return Tools.commandLine(new Main());
    }
}
