package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateState;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code update pause}, {@code abort} and {@code resume}. With a live driver (a {@code start} or {@code resume}
 * process), pause and abort ask it on {@code _fleet/update/control} and wait for the rollout to say so; with none,
 * they change the retained rollout themselves. {@code resume} drives a rollout no live process drives.
 */
final class UpdateControlCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Updates that can still be called off ({@code cmd/update-cancel}): nothing is installed yet. */
    private static final Set<String> CANCELLABLE = Set.of(UpdateState.PENDING, UpdateState.DOWNLOADING,
            UpdateState.WAITING_IDLE);

    private UpdateControlCommand() {}

    @Command(name = "pause", description = {"Pause the rollout: no new wave starts; units already sent the order finish"
            + " their update. update resume continues it.", "Exit 0 when the rollout is paused."})
    static final class Pause implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @Override
        public Integer call() throws Exception {
            return change(broker, spec, "pause", Rollout.PAUSED);
        }
    }

    @Command(name = "abort", description = {"Abort the rollout for good: no new wave starts, and units whose update has"
            + " not reached installing are sent cmd/update-cancel. An aborted rollout cannot be resumed.",
        "Exit 0 when the rollout is aborted."})
    static final class Abort implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @Override
        public Integer call() throws Exception {
            return change(broker, spec, "abort", Rollout.ABORTED);
        }
    }

    @Command(name = "resume", description = {"Continue a paused rollout, or a running one whose process is gone, in this"
            + " process, until it is done, paused or aborted (as update start).",
        "Exit 0 when every unit is done, 1 when some did not update or the rollout paused or was aborted."})
    static final class Resume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FleetBroker broker;

        @Option(names = "--max-failures", paramLabel = "N%|N", description = "a new failure limit (else the rollout's own)")
        String maxFailures;

        @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "600",
                description = "a unit refuses an order older than this; default ${DEFAULT-VALUE}")
        long expiresIn;

        @Override
        public Integer call() throws Exception {
            FailureLimit limit = null;
            if (maxFailures != null) {
                try {
                    limit = FailureLimit.parse(maxFailures);
                } catch (IllegalArgumentException e) {
                    throw ToolFailure.usage(e.getMessage(), e);
                }
            }
            MqttClient client = broker.connect();
            RolloutOnBroker.Found found;
            try {
                found = RolloutOnBroker.read(broker, client, new FleetInbox(client), List.of());
            } finally {
                FleetBroker.close(client);
            }
            Rollout r = found.required(broker);
            if (Rollout.ABORTED.equals(r.state) || Rollout.DONE.equals(r.state)) {
                throw ToolFailure.failed("rollout " + r.id + " is " + r.state + ": nothing to resume (update start"
                        + " begins a new one)");
            }
            if (found.driverAlive()) {
                throw ToolFailure.failed("rollout " + r.id + " is " + r.state + " and another process still drives it;"
                        + " try again once it has ended");
            }
            r.state = Rollout.RUNNING;
            r.reason = "resumed by " + RolloutOnBroker.who();
            if (limit != null) {
                r.limit = limit;
            }
            return UpdateStartCommand.drive(broker, r, expiresIn, spec);
        }
    }

    private static int change(FleetBroker broker, CommandSpec spec, String action, String state)
            throws InterruptedException {
        MqttClient client = broker.connect();
        try {
            FleetInbox inbox = new FleetInbox(client);
            RolloutOnBroker.Found found = RolloutOnBroker.read(broker, client, inbox,
                    List.of(broker.everyUnit(Topics.UPDATE_STATE)));
            Rollout r = found.required(broker);
            RolloutReport.merge(r, found.retained(), broker.root, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            if (r.state.equals(state)) {
                out.println("rollout " + r.id + " is already " + state);
                return Exit.OK;
            }
            if (!Rollout.RUNNING.equals(r.state) && !(Rollout.ABORTED.equals(state) && Rollout.PAUSED.equals(r.state))) {
                throw ToolFailure.failed("rollout " + r.id + " is " + r.state + ": it cannot be " + state);
            }
            if (found.driverAlive()) {
                r = ask(broker, client, inbox, r, action, state);
            } else {
                r.state = state;
                r.reason = state + " by " + RolloutOnBroker.who();
                RolloutOnBroker.publish(broker, client, r);
            }
            if (Rollout.ABORTED.equals(state)) {
                cancel(broker, client, r);
            }
            out.println(RolloutReport.printable("rollout " + r.id + " " + state + (r.reason == null ? "" : ": " + r.reason)));
            return Exit.OK;
        } finally {
            FleetBroker.close(client);
        }
    }

    /** Asks the live driver, then waits for the retained rollout to show the new state. */
    private static Rollout ask(FleetBroker broker, MqttClient client, FleetInbox inbox, Rollout r, String action,
            String state) throws InterruptedException {
        String topic = Topics.fleet(broker.root, Rollout.TOPIC);
        byte[] request = JSON.createObjectNode().put("rollout", r.id).put("action", action)
                .put("by", RolloutOnBroker.who()).put("at", Instant.now().toString()).toString()
                .getBytes(StandardCharsets.UTF_8);
        RolloutOnBroker.publish(broker, client, Topics.fleet(broker.root, Rollout.CONTROL), request, false);
        Rollout[] seen = new Rollout[1];
        FleetInbox.Arrival a = inbox.await(x -> {
            if (!x.topic().equals(topic) || x.retained()) {
                return false;
            }
            try {
                seen[0] = Rollout.fromJson(x.text().getBytes(StandardCharsets.UTF_8));
                return !Rollout.RUNNING.equals(seen[0].state);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }, broker.timeout());
        if (a == null) {
            throw ToolFailure.failed("the process driving rollout " + r.id + " did not confirm the " + action + " within "
                    + broker.timeoutSeconds + " s (stampbox-fleet update status shows where it is)");
        }
        return seen[0];
    }

    /** {@code cmd/update-cancel} to every unit whose update has not reached installing. */
    private static void cancel(FleetBroker broker, MqttClient client, Rollout r) {
        for (Rollout.Entry e : r.units.values()) {
            if (e.sentAt != null && CANCELLABLE.contains(e.state)) {
                CommandRequest request = CommandRequest.of(UUID.randomUUID().toString(), JSON.createObjectNode())
                        .expiringAt(Instant.now().plusSeconds(600));
                RolloutOnBroker.publish(broker, client, broker.unit(e.unit).command(UpdateWire.CANCEL), request.toJson(), false);
            }
        }
    }

}
