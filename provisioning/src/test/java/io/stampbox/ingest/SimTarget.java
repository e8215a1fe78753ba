package io.stampbox.ingest;

import io.stampbox.testing.MosquittoBroker;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the simulated fleet connects, for {@link FleetSimBenchmark}: one mosquitto (MQTT 5; the ingest on the same
 * broker), or a 3-node NATS cluster (MQTT 3.1.1 on each node, units spread over the nodes) whose scans reach the
 * ingest through a local mosquitto bridged to the cluster (NATS has no MQTT 5 and no {@code $share}, the ingest needs
 * both). The units reach the broker ports through an {@link OutageProxy}, which cuts their network for the storm.
 */
interface SimTarget extends AutoCloseable {

    /**
     * More lines for each NATS node's {@code mqtt} block, {@code ;}-separated. By default the QoS 1 subscriptions' JetStream
     * consumers are kept in memory on one node: with NATS's defaults (replicated to 3, on disk) a 3-node cluster on the
     * 2-core machine timed out creating the consumers of 2,000 units (3 subscriptions each) and never got them all
     * connected. {@code -Dstampbox.benchmark.natsMqtt=} (empty) runs the defaults.
     */
    String NATS_MQTT = System.getProperty("stampbox.benchmark.natsMqtt", "consumer_replicas: 1; consumer_memory_storage: true");

    String name();

    /** The {@code mqtt.protocol} of the units. */
    String protocol();

    /** The broker ports the units connect to (through the proxy), unit i to port i % size. */
    List<Integer> unitPorts();

    /** Where the admin publishes the fleet document and reads the reports. */
    String adminUrl();

    /** The broker the ingest consumes from. */
    String ingestUrl();

    /** The units' broker processes (followed across restarts). */
    List<Long> brokerPids();

    /** Processes between the brokers and the ingest (the bridge), empty when none. */
    List<Long> bridgePids();

    @Override
    void close();

    static SimTarget of(String name, Path dir) {
        return switch (name) {
            case "mosquitto" -> mosquitto(dir);
            case "nats" -> nats(dir);
            default -> throw new IllegalArgumentException("stampbox.benchmark.brokers: mosquitto or nats, got " + name);
        };
    }

    /** mosquitto 2.0 as MosquittoBroker sets it up (max_queued_messages 1000000), the ingest on it too. */
    private static SimTarget mosquitto(Path dir) {
        MosquittoBroker broker = MosquittoBroker.builder(dir).start();
        String conf = "mosquitto-" + broker.port() + ".conf";
        return new SimTarget() {
            public String name() { return "one mosquitto 2.0, MQTT 5"; }
            public String protocol() { return "5"; }
            public List<Integer> unitPorts() { return List.of(broker.port()); }
            public String adminUrl() { return broker.url(); }
            public String ingestUrl() { return broker.url(); }
            public List<Long> brokerPids() { return ProcCpu.find(conf); }
            public List<Long> bridgePids() { return List.of(); }
            public void close() { broker.close(); }
        };
    }

    private static SimTarget nats(Path dir) {
        List<String> options = NATS_MQTT.isBlank() ? List.of() : List.of(NATS_MQTT.split(";"));
        NatsCluster cluster = new NatsCluster(dir.resolve("nats"), 3, options).start();
        MosquittoBroker bridge = MosquittoBroker.builder(dir.resolve("bridge"))
                .option("connection stampbox-bench-nats")
                .option("address " + cluster.mqttAddresses())
                .option("bridge_protocol_version mqttv311")
                .option("try_private false")
                .option("notifications false")
                .option("cleansession false")
                .option("clientid stampbox-bench-bridge")
                .option("restart_timeout 1 10")
                .option("topic " + SimFleet.ROOT + "/+/scan in 1")
                .start();
        String conf = "mosquitto-" + bridge.port() + ".conf";
        return new SimTarget() {
            public String name() { return "3-node NATS cluster (JetStream, MQTT 3.1.1; mqtt options: " + options + ")"; }
            public String protocol() { return "3.1.1"; }
            public List<Integer> unitPorts() { return cluster.mqttPorts(); }
            public String adminUrl() { return cluster.mqttUrl(0); }
            public String ingestUrl() { return bridge.url(); }
            public List<Long> brokerPids() { return cluster.pids(); }
            public List<Long> bridgePids() { return ProcCpu.find(conf); }
            public void close() {
                bridge.close();
                cluster.close();
            }
        };
    }
}
