package io.stampbox.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.toolkit.Exit;
import io.stampbox.toolkit.ToolFailure;
import io.stampbox.wire.CommandRequest;
import io.stampbox.wire.CommandResult;
import io.stampbox.wire.LogBatch;
import io.stampbox.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logs UNIT}: a unit's recent log lines (codes masked by the unit), from its bounded ring through
 * {@code cmd/logs}, a page at a time; with {@code --follow}, then the lines it publishes on {@code logs}
 * until the follow ends. Lines are printed once each, in their numbers' order, as the journal shows them
 * (or one JSON object per line with {@code --json}).
 */
@Command(name = "logs", description = "Show a unit's recent log lines (codes masked), or follow them.")
final class FleetLogsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    FleetBroker broker;

    @Parameters(index = "0", paramLabel = "UNIT", description = "the unit's device.id")
    String unit;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "lines from then on: an ISO-8601 instant, or an age such as 90s, 15m, 2h, 1d")
    String since;

    @Option(names = "--level", paramLabel = "LEVEL", description = "the lowest level shown: TRACE, DEBUG, INFO, WARN, ERROR")
    String level;

    @Option(names = "--max", paramLabel = "N", defaultValue = "200",
            description = "without --since: the newest N lines; with it: at most N lines; default ${DEFAULT-VALUE}")
    int max;

    @Option(names = "--follow", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "600",
            description = "then show new lines as they come, for SECONDS (default and most: 600)")
    Long follow;

    private long printed;

    @Override
    public Integer call() throws InterruptedException {
        if (max < 1 || (follow != null && (follow < 1 || follow > 600))) {
            throw ToolFailure.usage("--max must be at least 1 and --follow 1..600 seconds, got " + max + " and "
                    + follow, (Throwable) null);
        }
        Instant from = since == null ? null : Since.parse(since, Instant.now());
        Topics topics = broker.unit(unit);
        MqttClient client = broker.connect();
        try {
            FleetInbox inbox = new FleetInbox(client);
            client.subscribe(topics.commandResult(), 1);
            if (follow != null) {
                client.subscribe(topics.logs(), 0);
            }
            LogBatch page = ask(client, inbox, topics, request(from, null, Math.min(max, PAGE), follow));
            long left = max - page.lines().size();
            while (page.more() && left > 0) {
                page = ask(client, inbox, topics, request(from, page.next(), (int) Math.min(left, PAGE), null));
                left -= page.lines().size();
            }
            if (follow != null) {
                followed(inbox, topics.logs(), Duration.ofSeconds(follow).plus(broker.timeout()));
            }
        } catch (MqttException e) {
            throw broker.lost(e);
        } finally {
            FleetBroker.close(client);
        }
        return Exit.OK;
    }

    private ObjectNode request(Instant from, Long after, int count, Long followSeconds) {
        ObjectNode args = JSON.createObjectNode().put("max", count);
        if (from != null) {
            args.put("since", from.toString());
        }
        if (after != null) {
            args.put("after", after);
        }
        if (level != null) {
            args.put("level", level);
        }
        if (followSeconds != null) {
            args.put("follow", followSeconds);
        }
        return args;
    }

    /** Sends {@code cmd/logs}, prints the page's lines; a refusal or no answer is a one-line failure. */
    private LogBatch ask(MqttClient client, FleetInbox inbox, Topics topics, ObjectNode args) throws InterruptedException {
        CommandRequest request = CommandRequest.of(UUID.randomUUID().toString(), args)
                .expiringAt(Instant.now().plus(broker.timeout()));
        broker.publish(client, topics.command("logs"), request.toJson(), false);
        FleetInbox.Arrival answer = inbox.await(a -> a.topic().equals(topics.commandResult())
                && request.id().equals(resultId(a.text())), broker.timeout());
        if (answer == null) {
            throw ToolFailure.failed("no answer from " + unit + " to logs within " + broker.timeoutSeconds
                    + " s (is the unit online, and at a version with remote logs? stampbox-fleet status)");
        }
        CommandResult result = result(answer.text());
        if (!result.succeeded()) {
            throw ToolFailure.failed("logs on " + unit + " failed: " + result.error());
        }
        try {
            LogBatch page = LogBatch.fromTree(result.result());
            print(page);
            return page;
        } catch (IOException e) {
            throw ToolFailure.failed("logs on " + unit + ": not a page of log lines: " + e.getMessage());
        }
    }

    /** The unit's messages on {@code logs} until it says the follow ended, or the time is over. */
    private void followed(FleetInbox inbox, String topic, Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        while (System.nanoTime() - deadline < 0) {
            FleetInbox.Arrival a = inbox.await(x -> x.topic().equals(topic),
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (a == null) {
                return;
            }
            try {
                LogBatch batch = LogBatch.fromJson(a.text().getBytes(StandardCharsets.UTF_8));
                print(batch);
                if (Boolean.TRUE.equals(batch.end())) {
                    return;
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("stampbox-fleet: ignored a message on " + topic + ": " + e.getMessage());
            }
        }
    }

    private void print(LogBatch batch) {
        PrintWriter out = spec.commandLine().getOut();
        if (batch.dropped() > 0 && !broker.json) {
            spec.commandLine().getErr().println("stampbox-fleet: " + batch.dropped()
                    + " older lines are no longer kept by the unit");
        }
        for (LogBatch.Entry line : batch.lines()) {
            if (line.n() <= printed) {
                continue; // seen in a page and again on the follow
            }
            printed = line.n();
            if (broker.json) {
                try {
                    out.println(JSON.writeValueAsString(line));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                out.println(line.text());
            }
        }
        out.flush();
    }

    private static String resultId(String text) {
        CommandResult r = result(text);
        return r == null ? null : r.id();
    }

    private static CommandResult result(String text) {
        try {
            return CommandResult.fromJson(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
