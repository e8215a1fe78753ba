package io.stampbox.fleetctl;

import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.Failures;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.Status;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code update start}: plans a staged rollout of a signed order and drives it (see {@link RolloutDriver}). */
@Command(name = "start", description = {"Roll a signed order (from update sign) out to units: canaries first, then"
        + " waves; the next wave starts only when every unit of the current one has finished; the rollout pauses by"
        + " itself when more units than --max-failures failed, reverted or refused. Runs until the rollout is done,"
        + " paused or aborted (update resume continues it, from any machine).",
    "Exit 0 when every unit is done, 1 when some did not update or the rollout paused or was aborted, 2 on bad usage."})
final class UpdateStartCommand implements Callable<Integer> {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    static final class Target {
        @Option(names = "--unit", paramLabel = "ID", split = ",", required = true, description = "these units (repeat, or ID,ID,...)")
        List<String> units;

        @Option(names = "--store", paramLabel = "STORE", required = true, description = "every unit whose status names this store")
        String store;

        @Option(names = "--fleet", required = true, description = "every unit with a retained status (the default)")
        boolean fleet;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Option(names = "--order", paramLabel = "FILE", required = true, description = "the signed order, as update sign wrote it")
    Path orderFile;

    @Option(names = "--percent", paramLabel = "N", description = "only N%% (1..100) of the chosen units, picked by a hash"
            + " of their ids: the same units each time, and 10%% is inside 50%%")
    Integer percent;

    @Option(names = "--canaries", paramLabel = "N", defaultValue = "1", description = "units in the first wave; default ${DEFAULT-VALUE}")
    int canaries;

    @Option(names = "--wave-size", paramLabel = "N", defaultValue = "0",
            description = "units per wave after the canaries; 0 (the default): each wave twice the one before")
    int waveSize;

    @Option(names = "--max-failures", paramLabel = "N%|N", defaultValue = "10%", description = "pause when more than"
            + " this share of the units reached (or this many units) failed, reverted or refused; default ${DEFAULT-VALUE}")
    String maxFailures;

    @Option(names = "--id", paramLabel = "ID", description = "the rollout's id; default: the version and the time")
    String id;

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "600",
            description = "a unit refuses an order older than this (it is sent again when the unit comes back); default ${DEFAULT-VALUE}")
    long expiresIn;

    @Option(names = "--dry-run", description = "print the plan (the waves) and send nothing")
    boolean dryRun;

    @Option(names = "--replace", description = "start even though the retained rollout does not read (it is overwritten)")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        FailureLimit limit = usage(() -> FailureLimit.parse(maxFailures));
        UpdateOrder order = readOrder();
        if (canaries < 0 || waveSize < 0 || expiresIn < 1 || percent != null && (percent < 1 || percent > 100)) {
            throw ToolFailure.usage("--canaries and --wave-size must be >= 0, --expires-in >= 1, --percent 1..100", (Throwable) null);
        }
        String rolloutId = id != null ? id : "v" + order.version().substring(0, Math.min(order.version().length(), 47))
                + "-" + ID_TIME.format(Instant.now());
        usage(() -> UpdateOrder.parse(UpdateWire.inRollout(order, rolloutId).toArgs()));
        if (target != null && target.units != null) {
            target.units.forEach(broker::unit);
        }
        MqttClient client = broker.connect();
        RolloutOnBroker.Found found;
        try {
            found = RolloutOnBroker.read(broker, client, new FleetInbox(client), List.of(broker.everyUnit(Topics.STATUS)));
        } finally {
            FleetBroker.close(client);
        }
        refuseOverlap(found);
        List<List<String>> plan = Rollout.plan(choose(found.retained()), canaries, waveSize);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            for (int w = 0; w < plan.size(); w++) {
                out.println((w == 0 && canaries > 0 ? "canaries" : "wave " + (w + 1)) + ": " + String.join(", ", plan.get(w)));
            }
            return Exit.OK;
        }
        Rollout rollout = new Rollout(rolloutId, order, limit, plan, Instant.now().toString());
        return drive(broker, rollout, expiresIn, spec);
    }

    /** Drives a rollout to its end and prints it: shared by {@code start} and {@code resume}. */
    static int drive(FleetBroker broker, Rollout rollout, long expiresIn, CommandSpec spec) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Rollout ended = new RolloutDriver(broker, rollout, broker.json ? null : out, spec.commandLine().getErr(),
                expiresIn).run();
        return RolloutReport.print(ended, broker.json, out);
    }

    private void refuseOverlap(RolloutOnBroker.Found found) {
        if (found.problem() != null && !replace) {
            throw ToolFailure.failed(found.problem());
        }
        Rollout r = found.rollout();
        if (r != null && (Rollout.PAUSED.equals(r.state) || Rollout.RUNNING.equals(r.state))) {
            throw ToolFailure.failed("rollout " + r.id + " (" + r.order.version() + ") is " + r.state
                    + (found.driverAlive() ? " and driven by another process" : "")
                    + ": stampbox-fleet update abort it first, or update resume it");
        }
    }

    /** The chosen units, in the rollout's order: by the SHA-256 of their ids, then cut to --percent. */
    private List<String> choose(Map<String, String> retained) {
        Map<String, Status> status = new TreeMap<>();
        retained.forEach((topic, text) -> {
            String unit = Topics.unitOf(broker.root, topic, Topics.STATUS);
            try {
                if (unit != null) {
                    status.put(unit, Status.fromJson(text.getBytes(StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                // not a status of the contract: the unit is not found by store
            }
        });
        List<String> units;
        if (target != null && target.units != null) {
            units = target.units.stream().distinct().toList();
        } else if (target != null && target.store != null) {
            units = status.entrySet().stream().filter(e -> target.store.equals(e.getValue().storeId()))
                    .map(Map.Entry::getKey).toList();
        } else {
            units = List.copyOf(status.keySet());
        }
        List<String> ordered = units.stream().sorted(Comparator.comparing(UpdateStartCommand::hash)).toList();
        if (percent != null) {
            ordered = ordered.subList(0, (int) Math.ceil(ordered.size() * percent / 100.0));
        }
        if (ordered.isEmpty()) {
            throw ToolFailure.failed("no unit chosen (a store or fleet is found from the units' retained status;"
                    + " stampbox-fleet status lists them): nothing sent");
        }
        return ordered;
    }

    static String hash(String unit) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(unit.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private UpdateOrder readOrder() {
        byte[] text;
        try {
            if (Files.size(orderFile) > 64 * 1024) {
                throw ToolFailure.usage("--order " + orderFile + ": over 64 KiB, not an order", (Throwable) null);
            }
            text = Files.readAllBytes(orderFile);
        } catch (IOException e) {
            throw ToolFailure.usage("--order: " + Failures.describe(e), e);
        }
        return usage(() -> UpdateWire.order(text));
    }

    private static <T> T usage(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw ToolFailure.usage(e.getMessage(), e);
        }
    }
}
