package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import io.stampbox.time.Backoff;
import io.stampbox.time.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose ACL denies the scan topic (mosquitto with a password file and an ACL file). Under MQTT 5
 * the PUBACK says 135 (not authorized): every event stays in the outbox, health says why, and once the ACL
 * allows the topic (reloaded on SIGHUP) all of them arrive in order. Under 3.1.1 the same broker PUBACKs
 * with 0 and drops them: the documented limit of 3.1.1 (docs/uplink.md), shown here as it is.
 */
@BrokerTest
@SlowTest
class PahoUplinkRefusalTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SCAN = Units.topic("scan");
    private static final String[] DENY_SCAN = {
        "topic read #",
        "user " + Units.ID,
        "topic readwrite " + Units.topic("status"),
        "topic readwrite " + Units.topic("health"),
        "topic read " + Units.topic("#"),
        "topic read " + Units.ROOT + "/_fleet/#",
    };

    @TempDir
    Path dir;

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final Metrics metrics = new Metrics();
    private PahoUplink uplink;
    private Drainer drainer;
    /** What {@link UplinkListener#refusalChanged} was told, in order (the status light's feed). */
    private final List<String> told = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private MosquittoBroker broker() {
        return MosquittoBroker.builder(dir).user(Units.ID, "secret").allowAnonymous().acl(DENY_SCAN).start();
    }

    private void startUnit(String url, UnitConfig.Protocol protocol) {
        UnitConfig.Mqtt mqtt = new UnitConfig.Mqtt(url, Units.ROOT, Units.ID, "secret", null).withProtocol(protocol);
        uplink = Units.uplink(mqtt);
        uplink.addListener(new UplinkListener() {
            @Override
            public void stateChanged(UplinkState state, String reason) {}

            @Override
            public void refusalChanged(String problem) {
                told.add(problem);
            }
        });
        drainer = new Drainer(outbox, uplink, metrics, 16, Ticker.SYSTEM,
                Backoff.jittered(Duration.ofMillis(50), Duration.ofMillis(400)));
        drainer.start();
        uplink.start();
    }

    @AfterEach
    void stopUnit() {
        if (drainer != null) {
            drainer.close();
        }
        if (uplink != null) {
            uplink.stop();
        }
    }

    @Test
    void mqtt5DeniedScanTopicKeepsEveryEventAndSaysWhyThenDeliversAllInOrder() throws Exception {
        try (MosquittoBroker broker = broker();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", SCAN, false)) {
            outbox.appendScans(40);
            startUnit(broker.url(), UnitConfig.Protocol.MQTT_5);

            String why = "refused: not authorized on " + SCAN;
            Await.until("the refusal reported", WAIT, () -> why.equals(uplink.lastError()),
                    () -> "lastError " + uplink.lastError() + ", " + uplink.report());
            Await.until("several refused rounds", WAIT, () -> uplink.report().publishesRefused() > 40,
                    () -> uplink.report() + "\n" + broker.log());
            assertTrue(uplink.connected());
            assertFalse(uplink.publishesAccepted());
            assertTrue(uplink.subscriptionsGranted());
            assertEquals(why, uplink.report().refusal());
            assertEquals("5", uplink.report().protocol());
            assertEquals(40, outbox.depth());
            assertEquals(0, outbox.acknowledgedThrough());
            assertEquals(0, metrics.get(Metrics.Tally.PUBLISHED));
            assertEquals(0, cloud.count());

            outbox.appendScans(10);
            broker.acl(allowing(DENY_SCAN, "topic write " + SCAN));

            Await.until("all 50 at the cloud", WAIT, () -> cloud.count() >= 50 && outbox.depth() == 0,
                    () -> "received " + cloud.count() + ", depth " + outbox.depth());
            List<Long> seqs = cloud.received().stream().map(r -> MemoryOutbox.seqOf(r.payload())).toList();
            assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), seqs);
            for (CloudSubscriber.Received r : cloud.received()) {
                assertArrayEquals(MemoryOutbox.scanPayload(MemoryOutbox.seqOf(r.payload())), r.payload());
            }
            Await.until("the refusal cleared", WAIT, () -> uplink.lastError() == null, uplink::lastError);
            assertTrue(uplink.publishesAccepted());
            assertNull(uplink.report().refusal());
            assertEquals(java.util.Arrays.asList(why, null), new java.util.ArrayList<>(told),
                    "listeners hear each change once: refused, then accepted again");
        }
    }

    /**
     * A root the ACL does not allow (a fleet document's bad {@code mqtt.topicRoot}): the unit connects,
     * but its online status is refused, so {@link Uplink#publishesAccepted()} is false and the fleet
     * rollback can tell. (mosquitto 2.0.11 grants a subscription its ACL denies, SUBACK 0, and drops the
     * messages at delivery: subscriptions alone would not show it.)
     */
    @Test
    void mqtt5DeniedRootConnectsButPublishesAreNotAccepted() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).user(Units.ID, "secret")
                .acl("user " + Units.ID, "topic readwrite other-root/#").start()) {
            startUnit(broker.url(), UnitConfig.Protocol.MQTT_5);
            uplink.subscribeFleet("config/desired", (t, p) -> { });
            String why = "refused: not authorized on " + Units.topic("status");
            Await.until("the online status refused", WAIT, () -> why.equals(uplink.lastError()),
                    () -> uplink.lastError() + " " + uplink.report());
            assertTrue(uplink.connected());
            assertFalse(uplink.publishesAccepted());
            assertTrue(uplink.subscriptionsGranted(), "mosquitto 2.0.11 grants denied subscriptions");
        }
    }

    /** The limit of MQTT 3.1.1: the broker PUBACKs the denied publishes with 0 and drops them. */
    @Test
    void mqtt311DeniedScanTopicLooksDeliveredAndIsLost() throws Exception {
        try (MosquittoBroker broker = broker();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", SCAN, false)) {
            outbox.appendScans(20);
            startUnit(broker.url(), UnitConfig.Protocol.MQTT_3_1_1);

            Await.until("the outbox emptied", WAIT, () -> outbox.depth() == 0, () -> "depth " + outbox.depth());
            assertEquals(20, metrics.get(Metrics.Tally.PUBLISHED));
            assertEquals(0, cloud.count(), "3.1.1 cannot tell a refused publish from a delivered one");
            assertNull(uplink.lastError());
            assertEquals("3.1.1", uplink.report().protocol());
        }
    }

    private static String[] allowing(String[] rules, String extra) {
        String[] all = java.util.Arrays.copyOf(rules, rules.length + 1);
        all[rules.length] = extra;
        return all;
    }
}
