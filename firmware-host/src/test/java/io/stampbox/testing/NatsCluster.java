package io.stampbox.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster of {@code nats-server} processes on free loopback ports, each with JetStream and its MQTT
 * listener (MQTT 3.1.1 only), routed to each other: an existing distributed broker to fail over on.
 * {@link #kill(int)} takes a node away without a word (SIGKILL).
 */
public final class NatsCluster implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(20);

    private record Node(String name, int client, int route, int mqtt, Path dir) {}

    private final List<Node> nodes = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NatsCluster(Path dir, int size) {
        for (int i = 0; i < size; i++) {
            nodes.add(new Node("n" + (i + 1), MosquittoBroker.freePort(), MosquittoBroker.freePort(),
                    MosquittoBroker.freePort(), dir.resolve("n" + (i + 1))));
        }
    }

    /** Starts {@code size} nodes and waits until each listens for MQTT and JetStream has a leader. */
    public static NatsCluster start(Path dir, int size) {
        NatsCluster cluster = new NatsCluster(dir, size);
        try {
            for (Node node : cluster.nodes) {
                cluster.processes.add(cluster.launch(node));
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitListening(i);
            }
            Await.until("a JetStream metadata leader", READY, () -> cluster.nodes.stream()
                    .anyMatch(n -> log(n).contains("metadata leader")), cluster::logs);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int size() {
        return nodes.size();
    }

    /** The MQTT URL of node {@code i} (0-based). */
    public String mqttUrl(int i) {
        return "tcp://127.0.0.1:" + nodes.get(i).mqtt();
    }

    public List<String> mqttUrls() {
        return nodes.stream().map(n -> "tcp://127.0.0.1:" + n.mqtt()).toList();
    }

    /** SIGKILL to node {@code i}; waits until it is gone. */
    public void kill(int i) {
        Process p = processes.get(i);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every node's log, for failure messages. */
    public String logs() {
        return nodes.stream().map(n -> "--- " + n.name() + "\n" + tail(log(n))).collect(Collectors.joining("\n"));
    }

    private Process launch(Node node) {
        String routes = nodes.stream().map(n -> "\"nats-route://127.0.0.1:" + n.route() + "\"")
                .collect(Collectors.joining(", "));
        String conf = "server_name: " + node.name() + "\n"
                + "listen: 127.0.0.1:" + node.client() + "\n"
                + "jetstream { store_dir: \"" + node.dir().resolve("js") + "\" }\n"
                + "cluster { name: stampbox-test, listen: 127.0.0.1:" + node.route() + ", routes: [" + routes + "] }\n"
                + "mqtt { listen: 127.0.0.1:" + node.mqtt() + " }\n";
        try {
            Files.createDirectories(node.dir());
            Path file = node.dir().resolve("nats.conf");
            Files.writeString(file, conf, StandardCharsets.UTF_8);
            return new ProcessBuilder("nats-server", "-c", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(node.dir().resolve("nats.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nats-server: " + e, e);
        }
    }

    private void awaitListening(int i) {
        Node node = nodes.get(i);
        Await.until(node.name() + " listening for MQTT on " + node.mqtt(), READY, () -> {
            if (!processes.get(i).isAlive()) {
                throw new IllegalStateException("nats-server " + node.name() + " exited: " + log(node));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", node.mqtt()), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, this::logs);
    }

    private static String log(Node node) {
        try {
            return Files.readString(node.dir().resolve("nats.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    }

    @Override
    public void close() {
        for (int i = 0; i < processes.size(); i++) {
            kill(i);
        }
    }
}
