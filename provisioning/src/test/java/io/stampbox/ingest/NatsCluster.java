package io.stampbox.ingest;

import io.stampbox.testing.MosquittoBroker;
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

/**
 * A NATS cluster of {@code size} {@code nats-server} processes on free ports for the benchmarks: cluster routes
 * between all nodes, JetStream on each (its own store dir, kept across {@link #restart()}), and an MQTT listener on
 * each (NATS speaks MQTT 3.1.1 only). Not the system's NATS on 4222.
 */
final class NatsCluster implements AutoCloseable {

    private final Path dir;
    private final int[] client;
    private final int[] route;
    private final int[] mqtt;
    private final Process[] nodes;
    private final List<String> mqttOptions;

    /** @param mqttOptions more lines for each node's {@code mqtt} block, e.g. {@code consumer_replicas: 1} */
    NatsCluster(Path dir, int size, List<String> mqttOptions) {
        this.dir = dir;
        this.mqttOptions = mqttOptions;
        client = new int[size];
        route = new int[size];
        mqtt = new int[size];
        nodes = new Process[size];
        for (int i = 0; i < size; i++) {
            client[i] = MosquittoBroker.freePort();
            route[i] = MosquittoBroker.freePort();
            mqtt[i] = MosquittoBroker.freePort();
        }
    }

    /** The configuration file of node {@code i} (0-based): routes to every node, JetStream, MQTT. */
    static String conf(String name, Path store, int client, int route, int mqtt, int[] routes, List<String> mqttOptions) {
        StringBuilder r = new StringBuilder();
        for (int port : routes) {
            r.append("    nats-route://127.0.0.1:").append(port).append('\n');
        }
        StringBuilder m = new StringBuilder();
        for (String line : mqttOptions) {
            m.append("  ").append(line.trim()).append('\n');
        }
        return """
                server_name: %s
                listen: 127.0.0.1:%d
                jetstream {
                  store_dir: "%s"
                  max_memory_store: 256MB
                  max_file_store: 8GB
                }
                cluster {
                  name: stampbox-bench
                  listen: 127.0.0.1:%d
                  routes: [
                %s  ]
                }
                mqtt {
                  listen: 127.0.0.1:%d
                %s}
                """.formatted(name, client, store, route, r, mqtt, m);
    }

    /** Starts every node and waits until each node's MQTT listener accepts connections. */
    NatsCluster start() {
        try {
            for (int i = 0; i < nodes.length; i++) {
                String name = "n" + (i + 1);
                Path conf = dir.resolve(name + ".conf");
                Files.createDirectories(dir.resolve(name));
                Files.writeString(conf, conf(name, dir.resolve(name), client[i], route[i], mqtt[i], route, mqttOptions), StandardCharsets.UTF_8);
                nodes[i] = new ProcessBuilder("nats-server", "-c", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
                        .start();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nats-server: " + e, e);
        }
        for (int i = 0; i < nodes.length; i++) {
            int port = mqtt[i];
            int node = i;
            Eventually.until("nats node " + (i + 1) + " MQTT on " + port, Duration.ofSeconds(30), () -> listening(port),
                    () -> log(node));
        }
        return this;
    }

    /** Clean stop (SIGTERM) of every node, then starts them again on the same ports with the same stores. */
    void restart() {
        stop();
        start();
    }

    void stop() {
        for (Process p : nodes) {
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : nodes) {
            await(p);
        }
    }

    int size() {
        return nodes.length;
    }

    /** The MQTT URL of node {@code i}. */
    String mqttUrl(int i) {
        return "tcp://127.0.0.1:" + mqtt[i];
    }

    List<Integer> mqttPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int port : mqtt) {
            ports.add(port);
        }
        return ports;
    }

    /** {@code host:port} of every node's MQTT listener, space separated (a mosquitto bridge's {@code address}). */
    String mqttAddresses() {
        List<String> all = new ArrayList<>();
        for (int port : mqtt) {
            all.add("127.0.0.1:" + port);
        }
        return String.join(" ", all);
    }

    /** The running nodes' process ids. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Process p : nodes) {
            if (p != null && p.isAlive()) {
                pids.add(p.pid());
            }
        }
        return pids;
    }

    String log(int i) {
        try {
            String all = Files.readString(dir.resolve("n" + (i + 1) + ".log"));
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void await(Process p) {
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (Process p : nodes) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (Process p : nodes) {
            await(p);
        }
    }
}
