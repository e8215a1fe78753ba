package io.stampbox.provision;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Placeholder, replaced once the MapDB outbox is on main. */
@Command(name = "outbox", mixinStandardHelpOptions = true, description = "Inspect or export the outbox (service stopped).")
final class OutboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("outbox: not in this build yet");
        return Main.EXIT_FAILED;
    }
}
