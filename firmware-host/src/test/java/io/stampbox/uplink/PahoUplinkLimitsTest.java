package io.stampbox.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import io.stampbox.testing.Await;
import io.stampbox.testing.BrokerTest;
import io.stampbox.testing.CloudSubscriber;
import io.stampbox.testing.MosquittoBroker;
import io.stampbox.testing.SlowTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT 5 limits a broker announces at CONNACK (mosquitto's {@code max_packet_size} and
 * {@code max_inflight_messages}): a publish larger than the broker's Maximum Packet Size is refused on the
 * spot (149) and the connection survives; the Receive Maximum caps the window. The aws-iot preset's own
 * packet cap applies where a broker announces none.
 */
@BrokerTest
@SlowTest
class PahoUplinkLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void theBrokersMaximumPacketSizeAndReceiveMaximumAreRespected() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).option("max_packet_size 1024")
                .option("max_inflight_messages 10").start();
                CloudSubscriber cloud = new CloudSubscriber(broker.url(), "cloud", Units.topic("x"), false)) {
            PahoUplink uplink = Units.uplink(Units.mqtt(broker.url()));
            try {
                uplink.start();
                Await.until("connected", WAIT, uplink::connected);
                assertEquals(6, uplink.report().window(), "Receive Maximum 10 less Paho's margin of 4");
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> uplink.publish("x", new byte[2_000], 1, false).get(5, TimeUnit.SECONDS));
                PublishRefused refused = assertInstanceOf(PublishRefused.class, e.getCause());
                assertEquals(149, refused.reasonCode());
                assertEquals("refused: packet too large on " + Units.topic("x"), refused.getMessage());
                uplink.publish("x", new byte[900], 1, false).get(5, TimeUnit.SECONDS);
                Await.until("the small one arrives", WAIT, () -> cloud.count() == 1);
                assertTrue(uplink.connected(), "the connection survives");
            } finally {
                uplink.stop();
            }
        }
    }

    @Test
    void theAwsIotPresetCapsPacketsWhereTheBrokerAnnouncesNone() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder(dir).start()) {
            PahoUplink uplink = Units.uplink(Units.mqtt(broker.url()).withLimits(UnitConfig.Limits.AWS_IOT));
            try {
                uplink.start();
                Await.until("connected", WAIT, uplink::connected);
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> uplink.publish("x", new byte[128 * 1024], 1, false).get(5, TimeUnit.SECONDS));
                assertEquals(149, assertInstanceOf(PublishRefused.class, e.getCause()).reasonCode());
                uplink.publish("x", new byte[100 * 1024], 1, false).get(5, TimeUnit.SECONDS);
            } finally {
                uplink.stop();
            }
        }
    }
}
