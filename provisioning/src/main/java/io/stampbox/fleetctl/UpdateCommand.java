package io.stampbox.fleetctl;

import io.stampbox.wire.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code update}: software updates over the fleet channel (issue 13; provisioning/docs/updates.md). */
@Command(name = "update", description = "Sign a package, roll it out to units in stages, watch, pause, resume or abort.",
        subcommands = {UpdateSignCommand.class, UpdateStartCommand.class, UpdateCommand.Status.class,
            UpdateControlCommand.Pause.class, UpdateControlCommand.Resume.class, UpdateControlCommand.Abort.class})
final class UpdateCommand {

    @Command(name = "status", description = {"The rollout (kept retained on the broker) and each unit's state: pending,"
            + " downloading, waiting-idle, installing, verifying, done, reverted, failed, refused, cancelled, with why.",
        "Exit 0 when every unit is done or the rollout runs with no failure so far; 1 when some failed, or it is"
            + " paused or aborted, or there is no rollout."})
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @Override
        public Integer call() throws Exception {
            MqttClient client = broker.connect();
            RolloutOnBroker.Found found;
            try {
                found = RolloutOnBroker.read(broker, client, new FleetInbox(client),
                        List.of(broker.everyUnit(Topics.UPDATE_STATE)));
            } finally {
                FleetBroker.close(client);
            }
            Rollout rollout = found.required(broker);
            PrintWriter err = spec.commandLine().getErr();
            RolloutReport.merge(rollout, found.retained(), broker.root, err);
            PrintWriter out = spec.commandLine().getOut();
            if (broker.json) {
                out.println(RolloutReport.tree(rollout).put("driverAlive", found.driverAlive()));
                return RolloutReport.exitCode(rollout);
            }
            if (Rollout.RUNNING.equals(rollout.state) && !found.driverAlive()) {
                err.println("stampbox-fleet: rollout " + rollout.id + " is running but no process drives it (it"
                        + " ended or lost the broker): stampbox-fleet update resume continues it");
            }
            return RolloutReport.print(rollout, false, out);
        }
    }
}
