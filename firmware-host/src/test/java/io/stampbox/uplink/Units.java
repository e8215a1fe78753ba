package io.stampbox.uplink;

import io.stampbox.config.UnitConfig;
import java.time.Duration;
import java.time.Instant;

/** The unit the uplink tests drive: device, MQTT settings and quick retry timings. */
final class Units {

    static final String ROOT = "stampbox/v1";
    static final String ID = "unit-1";
    static final Instant BOOTED = Instant.parse("2026-11-25T08:00:00Z");

    private Units() {}

    static UnitConfig.Device device() {
        return new UnitConfig.Device(ID, "store-9");
    }

    static UnitConfig.Mqtt mqtt(String url) {
        return new UnitConfig.Mqtt(url, ROOT, null, null, null);
    }

    static StatusInfo status() {
        return new StatusInfo("0.1.0-test", BOOTED, () -> 7);
    }

    static UplinkOptions quick() {
        return UplinkOptions.defaults()
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .withConnectTimeout(Duration.ofSeconds(3));
    }

    static PahoUplink uplink(UnitConfig.Mqtt mqtt) {
        return new PahoUplink(device(), mqtt, status(), quick());
    }

    static String topic(String sub) {
        return ROOT + "/" + ID + "/" + sub;
    }
}
