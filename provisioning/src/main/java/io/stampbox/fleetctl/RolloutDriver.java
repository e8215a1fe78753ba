package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.MqttOptions;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * Drives a rollout until it is done, paused or aborted: sends each wave's units {@code cmd/update}, follows their
 * retained {@code update/state}, starts the next wave only when every unit of the current one has finished, and
 * pauses by itself past the failure limit. Everything runs on the caller's thread; Paho's thread only fills the
 * {@link FleetInbox}. While it runs, its retained {@code update/driver} says so (its last will says it is gone).
 */
final class RolloutDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration PUBLISH_EVERY = Duration.ofSeconds(1);
    private static final int MAX_NOTES = 20;

    private final FleetBroker broker;
    private final Rollout rollout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long expiresInSeconds;
    private final Refusals refusals = new Refusals();
    private final Map<String, Status> status = new HashMap<>();
    private final String driverId = UUID.randomUUID().toString();
    private MqttClient client;
    /** Another live driver of this rollout, seen on update/driver; null while there is none. */
    private String other;
    private int notes;
    private boolean changed;
    private boolean urgent;
    private long publishedAt;

    /** @param out progress lines (null for none, as with {@code --json}); {@code err} takes the notes */
    RolloutDriver(FleetBroker broker, Rollout rollout, PrintWriter out, PrintWriter err, long expiresInSeconds) {
        this.broker = broker;
        this.rollout = rollout;
        this.out = out;
        this.err = err;
        this.expiresInSeconds = expiresInSeconds;
    }

    /** Runs until the rollout is no longer running; the rollout as it ended. */
    Rollout run() throws InterruptedException {
        String driverTopic = Topics.fleet(broker.root, Rollout.DRIVER);
        byte[] gone = JSON.createObjectNode().put("rollout", rollout.id).put("alive", false).toString()
                .getBytes(StandardCharsets.UTF_8);
        client = broker.connect(new MqttOptions.Will(driverTopic, gone));
        try {
            FleetInbox inbox = new FleetInbox(client);
            Map<String, String> retained = inbox.retained(client, broker, List.of(broker.everyUnit(Topics.STATUS),
                    broker.everyUnit(Topics.UPDATE_STATE), broker.everyUnit(Topics.COMMAND_RESULT),
                    Topics.fleet(broker.root, Rollout.CONTROL), driverTopic));
            RolloutOnBroker.publish(broker, client, driverTopic, JSON.createObjectNode().put("rollout", rollout.id)
                    .put("alive", true).put("driver", driverId).put("since", Instant.now().toString()).toString()
                    .getBytes(StandardCharsets.UTF_8), true);
            retained.forEach((topic, text) -> handle(new FleetInbox.Arrival(topic, text, true)));
            yieldIfAnother();
            publish(true); // the rollout is on the broker before any unit has the order
            resendPending();
            while (Rollout.RUNNING.equals(rollout.state)) {
                step();
                publish(false);
                if (!Rollout.RUNNING.equals(rollout.state)) {
                    break;
                }
                FleetInbox.Arrival a = inbox.await(x -> true, TICK);
                if (a != null) {
                    handle(a);
                    yieldIfAnother();
                } else if (!client.isConnected()) {
                    throw ToolFailure.failed("lost the broker at " + broker.url + " during rollout " + rollout.id
                            + ": it stays " + rollout.state + "; stampbox-fleet update resume continues it");
                }
            }
            publish(true);
            RolloutOnBroker.publish(broker, client, driverTopic, gone, true);
            return rollout;
        } finally {
            FleetBroker.close(client);
        }
    }

    /** Pauses past the limit; starts the next wave when the current one has finished; done after the last. */
    private void step() {
        refusals.due(System.nanoTime()).forEach((unit, why) -> {
            if (UpdateState.PENDING.equals(rollout.units.get(unit).state)) {
                finish(rollout.units.get(unit), UpdateState.REFUSED, why);
            }
        });
        long failures = rollout.failures();
        long reached = rollout.reached();
        if (rollout.limit.exceeded(failures, reached)) {
            stop(Rollout.PAUSED, failures + " of " + reached + " units reached failed, reverted or refused the update,"
                    + " more than --max-failures " + rollout.limit);
            return;
        }
        int current = rollout.wavesStarted - 1;
        if (current >= 0 && !rollout.wave(current).stream().allMatch(Rollout.Entry::isFinal)) {
            return;
        }
        if (rollout.wavesStarted >= rollout.waves) {
            long left = rollout.units.size() - rollout.count(UpdateState.DONE);
            stop(Rollout.DONE, left == 0 ? null : left + " of " + rollout.units.size() + " units did not update"
                    + " (stampbox-fleet update status says why)");
            return;
        }
        int wave = rollout.wavesStarted++;
        List<Rollout.Entry> units = rollout.wave(wave);
        say((wave == 0 && rollout.waves > 1 ? "canaries" : "wave " + (wave + 1) + "/" + rollout.waves) + ": "
                + String.join(", ", units.stream().map(e -> e.unit).toList()));
        for (Rollout.Entry e : units) {
            Status s = status.get(e.unit);
            if (s != null && rollout.order.version().equals(s.version())) {
                finish(e, UpdateState.DONE, "already runs " + s.version());
            } else {
                send(e, false);
            }
        }
        changed = true;
        urgent = true;
    }

    private void stop(String state, String reason) {
        rollout.state = state;
        rollout.reason = reason;
        changed = true;
        urgent = true;
        say("rollout " + rollout.id + " " + state + (reason == null ? "" : ": " + reason));
    }

    /**
     * @param again true for an order sent again (a unit back online, a driver restarted): the unit may have had
     *     the first one after all, so its refusal ("already running it") is not taken as the unit's answer
     */
    private void send(Rollout.Entry e, boolean again) {
        CommandRequest request = CommandRequest.of(UUID.randomUUID().toString(), UpdateWire.args(rollout.order))
                .expiringAt(Instant.now().plusSeconds(expiresInSeconds));
        RolloutOnBroker.publish(broker, client, broker.unit(e.unit).command(UpdateWire.COMMAND), request.toJson(), false);
        if (!again) {
            refusals.sent(request.id(), e.unit);
        }
        e.sentAt = Instant.now().toString();
        changed = true;
    }

    /** After a (re)start of the driver: units reached that have not answered get the order again. */
    private void resendPending() {
        for (int w = 0; w < rollout.wavesStarted; w++) {
            rollout.wave(w).stream().filter(e -> UpdateState.PENDING.equals(e.state)).forEach(e -> send(e, true));
        }
    }

    /**
     * Two processes drive one rollout only when started at the same moment: each sees the other's {@code alive};
     * the one that was there first (a retained one) or has the lower id goes on, the other ends without a word
     * on the broker.
     */
    private void yieldIfAnother() {
        if (other != null) {
            throw ToolFailure.failed("another process (" + other + ") drives rollout " + rollout.id
                    + " since the same moment: this one stopped, that one goes on");
        }
    }

    private void driver(FleetInbox.Arrival a) {
        JsonNode d = RolloutOnBroker.small(a.text());
        String id = d.path("driver").asText("");
        if (rollout.id.equals(d.path("rollout").asText()) && d.path("alive").asBoolean(false) && !id.isEmpty()
                && !id.equals(driverId) && (a.retained() || id.compareTo(driverId) < 0)) {
            other = id.length() > 40 ? id.substring(0, 40) : id;
        }
    }


    private void handle(FleetInbox.Arrival a) {
        String unit;
        if (a.topic().equals(Topics.fleet(broker.root, Rollout.DRIVER))) {
            driver(a);
            return;
        }
        if ((unit = Topics.unitOf(broker.root, a.topic(), Topics.UPDATE_STATE)) != null) {
            state(unit, a.text());
        } else if ((unit = Topics.unitOf(broker.root, a.topic(), Topics.STATUS)) != null) {
            status(unit, a);
        } else if (Topics.unitOf(broker.root, a.topic(), Topics.COMMAND_RESULT) != null) {
            refusals.answer(a.text(), System.nanoTime());
        } else if (a.topic().equals(Topics.fleet(broker.root, Rollout.CONTROL)) && !a.retained()) {
            control(a.text());
        }
    }

    private void state(String unit, String text) {
        if (text.isEmpty() || !rollout.units.containsKey(unit)) {
            return;
        }
        UpdateState s;
        try {
            s = UpdateWire.state(text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            note("ignored update/state from " + unit + ": " + e.getMessage());
            return;
        }
        Rollout.Entry entry = rollout.units.get(unit);
        if (!rollout.concerns(unit, s)) {
            return;
        }
        refusals.heard(unit);
        boolean runsIt = UpdateState.REFUSED.equals(s.state()) && rollout.order.version().equals(s.running());
        String state = runsIt ? UpdateState.DONE : s.state();
        String reason = runsIt ? "already runs " + s.running() : s.reason();
        if (!(state.equals(entry.state) && java.util.Objects.equals(reason, entry.reason))) {
            finish(entry, state, reason);
        }
    }

    private void finish(Rollout.Entry e, String state, String reason) {
        e.state = state;
        e.reason = reason;
        changed = true;
        if (e.isFinal()) {
            say(e.unit + ": " + state + (reason == null ? "" : " (" + reason + ")"));
        }
    }

    private void status(String unit, FleetInbox.Arrival a) {
        try {
            Status s = Status.fromJson(a.text().getBytes(StandardCharsets.UTF_8));
            status.put(unit, s);
            Rollout.Entry e = rollout.units.get(unit);
            if (!a.retained() && Boolean.TRUE.equals(s.online()) && e != null && e.sentAt != null
                    && UpdateState.PENDING.equals(e.state)) {
                send(e, true); // back online without having answered: the order may have been lost while it was away
            }
        } catch (IOException e) {
            // not a status of the contract: the unit counts as unknown
        }
    }

    private void control(String text) {
        JsonNode c = RolloutOnBroker.small(text);
        if (!rollout.id.equals(c.path("rollout").asText())) {
            note("ignored a request on " + Rollout.CONTROL + " that is not for rollout " + rollout.id);
            return;
        }
        String action = c.path("action").asText();
        String by = c.path("by").asText("an admin");
        if (action.equals("pause") || action.equals("abort")) {
            stop(action.equals("pause") ? Rollout.PAUSED : Rollout.ABORTED,
                    (action.equals("pause") ? "paused" : "aborted") + " by " + (by.length() > 64 ? "an admin" : by));
        }
    }

    /**
     * Publishes the retained rollout when something changed: at once for a new wave or state ({@code urgent}) or
     * when {@code force}d, else at most every {@link #PUBLISH_EVERY} (300 units' progress would otherwise publish
     * the whole document hundreds of times; {@code update status} shows the units' own states anyway).
     */
    private void publish(boolean force) {
        if (force || changed && (urgent || System.nanoTime() - publishedAt >= PUBLISH_EVERY.toNanos())) {
            RolloutOnBroker.publish(broker, client, Topics.fleet(broker.root, Rollout.TOPIC), rollout.toJson(), true);
            changed = false;
            urgent = false;
            publishedAt = System.nanoTime();
        }
    }

    private void say(String line) {
        if (out != null) {
            out.println(RolloutReport.printable(line));
            out.flush();
        }
    }

    private void note(String line) {
        if (notes++ < MAX_NOTES) {
            err.println("stampbox-fleet: " + RolloutReport.printable(line));
            err.flush();
        }
    }
}
