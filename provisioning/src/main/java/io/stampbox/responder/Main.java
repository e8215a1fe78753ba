package io.stampbox.responder;

import io.stampbox.toolkit.Tools;
import picocli.CommandLine;

/**
 * {@code stampbox-responder} (also {@code stampbox-provision responder}): the demo voucher backend, on its
 * own. Exit 0 after a clean stop, 1 when it cannot run, 2 on bad usage.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return Tools.commandLine(new ResponderCommand()).setCommandName("stampbox-responder");
    }
}
