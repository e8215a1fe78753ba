package io.stampbox.fleetctl;

import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.ConfigReport;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * One {@code config push} on the wire: reads what the units left retained (status, reports), resolves the
 * targets, publishes the document retained, then waits for each targeted unit's {@code config/reported}
 * published after the push, and says per unit what became of it ({@link PushOutcome}).
 */
final class FleetPush {

    /** The targets as given: unit ids, a store, or the whole fleet. */
    record Targets(List<String> units, String store, boolean fleet) {
        String scope() {
            return fleet ? "fleet" : "unit";
        }
    }

    /** What happened: the topics published to and one outcome a targeted unit, sorted by unit. */
    record Result(long version, String scope, List<String> topics, boolean waited, List<PushOutcome> units) {
        boolean allApplied() {
            return !units.isEmpty() && units.stream().allMatch(PushOutcome::applied);
        }
    }

    private final FleetBroker broker;
    private final Map<String, Status> status = new TreeMap<>();
    private final Map<String, ConfigReport> reported = new TreeMap<>();

    FleetPush(FleetBroker broker) {
        this.broker = broker;
    }

    /** @param payload the document to publish for a scope: {@code _fleet} or the unit's id (signed per scope) */
    Result run(Targets targets, long version, java.util.function.Function<String, String> payload, boolean wait)
            throws InterruptedException {
        MqttClient client = broker.connect();
        try {
            FleetInbox inbox = new FleetInbox(client);
            read(inbox.retained(client, broker, List.of(broker.everyUnit(Topics.STATUS),
                    broker.everyUnit(Topics.CONFIG_REPORTED))));
            List<String> units = resolve(targets);
            List<String> scopes = targets.fleet() ? List.of(Topics.FLEET) : units;
            List<String> topics = new ArrayList<>();
            for (String scope : scopes) {
                String topic = targets.fleet() ? broker.fleetDesired() : broker.unit(scope).desired();
                broker.publish(client, topic, payload.apply(scope).getBytes(StandardCharsets.UTF_8), true);
                topics.add(topic);
            }
            if (!wait) {
                return new Result(version, targets.scope(), topics, false, List.of());
            }
            return new Result(version, targets.scope(), topics, true, await(inbox, units, targets.scope(), version));
        } finally {
            FleetBroker.close(client);
        }
    }

    private void read(Map<String, String> retained) {
        for (Map.Entry<String, String> e : retained.entrySet()) {
            byte[] doc = e.getValue().getBytes(StandardCharsets.UTF_8);
            try {
                String unit = Topics.unitOf(broker.root, e.getKey(), Topics.STATUS);
                if (unit != null) {
                    status.put(unit, Status.fromJson(doc));
                }
                unit = Topics.unitOf(broker.root, e.getKey(), Topics.CONFIG_REPORTED);
                if (unit != null) {
                    reported.put(unit, ConfigReport.fromJson(doc));
                }
            } catch (IOException malformed) {
                // not a document of the contract: that unit counts as unknown
            }
        }
    }

    /** The unit ids targeted; for a store, those whose retained status names it (none: nothing is pushed). */
    private List<String> resolve(Targets targets) {
        if (targets.units() != null && !targets.units().isEmpty()) {
            targets.units().forEach(broker::unit); // a bad id is a usage error before anything is published
            return targets.units().stream().distinct().sorted().toList();
        }
        if (targets.fleet()) {
            return List.copyOf(status.keySet());
        }
        List<String> inStore = status.entrySet().stream().filter(e -> targets.store().equals(e.getValue().storeId()))
                .map(Map.Entry::getKey).toList();
        if (inStore.isEmpty()) {
            throw ToolFailure.failed("no unit's status names store \"" + targets.store() + "\" (stampbox-fleet status"
                    + " shows the stores; units before 2026-11-30 do not say theirs): nothing pushed");
        }
        return inStore;
    }

    private List<PushOutcome> await(FleetInbox inbox, List<String> units, String scope, long version)
            throws InterruptedException {
        Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
        for (String unit : units) {
            PushOutcome known = PushOutcome.before(unit, status.get(unit), reported.get(unit), scope, version);
            if (known != null) {
                outcomes.put(unit, known);
            }
        }
        long deadline = System.nanoTime() + broker.timeout().toNanos();
        while (outcomes.size() < units.size()) {
            long left = deadline - System.nanoTime();
            FleetInbox.Arrival a = left <= 0 ? null : inbox.await(x -> !x.retained(), java.time.Duration.ofNanos(left));
            if (a == null) {
                break;
            }
            String unit = Topics.unitOf(broker.root, a.topic(), Topics.CONFIG_REPORTED);
            if (unit != null && units.contains(unit) && !outcomes.containsKey(unit)) {
                PushOutcome answer = answer(unit, a.text(), scope, version);
                if (answer != null) {
                    outcomes.put(unit, answer);
                }
            }
        }
        List<PushOutcome> all = new ArrayList<>();
        for (String unit : units) {
            all.add(outcomes.getOrDefault(unit, new PushOutcome(unit, PushOutcome.NO_ANSWER, List.of("no report within "
                    + broker.timeoutSeconds + " s (online? a changed mqtt.* reports to the new broker)"))));
        }
        return all;
    }

    private static PushOutcome answer(String unit, String text, String scope, long version) {
        try {
            return PushOutcome.of(unit, ConfigReport.fromJson(text.getBytes(StandardCharsets.UTF_8)), scope, version);
        } catch (IOException e) {
            return null;
        }
    }
}
