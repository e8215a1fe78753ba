package io.stampbox.app;

import io.stampbox.time.Ticker;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.Redeemer;
import io.stampbox.health.Metrics;
import io.stampbox.outbox.Outbox;
import io.stampbox.uplink.Drainer;
import io.stampbox.uplink.HealthReporter;
import io.stampbox.uplink.HealthSources;
import io.stampbox.uplink.PahoUplink;
import io.stampbox.uplink.StatusInfo;
import io.stampbox.uplink.Uplink;
import io.stampbox.uplink.UplinkListener;
import io.stampbox.uplink.UplinkOptions;
import io.stampbox.uplink.UplinkState;
import io.stampbox.voucher.VoucherDesk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.stampbox.wire.Topics;
import io.stampbox.wire.UpdateState;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The unit's side of MQTT: the Paho uplink, the outbox drainer and the health reporter, together. */
final class CloudLink {

    static final int DRAIN_WINDOW = 64;
    /** With {@code uplink.ack} = {@code backend}: how long the backend may stay silent before a resend. */
    static final Duration BACKEND_ACK_RESEND = Duration.ofSeconds(60);

    private final PahoUplink uplink;
    private final Drainer drainer;
    private final HealthReporter health;
    private final VoucherDesk vouchers;
    private final Consumer<byte[]> scanResults;
    private final Consumer<Boolean> uplinkRefused;

    /**
     * What the health report reads, besides the metrics and the outbox, and where a refusing broker is shown.
     *
     * @param uplinkRefused told whether the broker refuses publishes or subscriptions (the status light)
     */
    record Sources(Instant bootedAt, BooleanSupplier scannerConnected, LongSupplier configVersion,
            String lastStop, Supplier<String> storage, Supplier<String> signals, Supplier<UpdateState.Last> lastUpdate,
            Consumer<Boolean> uplinkRefused) {}

    /** @param scanResults takes each payload on {@code scan/result} (the scan pipeline; never blocks) */
    CloudLink(UnitConfig config, Outbox outbox, Metrics metrics, Sources sources, Clock clock,
            Consumer<byte[]> scanResults) {
        this.scanResults = scanResults;
        String version = Version.current();
        uplink = new PahoUplink(config.device(), config.mqtt(),
                new StatusInfo(version, sources.bootedAt(), sources.configVersion(), config.device().store(),
                        sources.signals(), sources.lastUpdate()),
                UplinkOptions.defaults());
        uplinkRefused = sources.uplinkRefused();
        uplink.addListener(new UplinkListener() {
            @Override
            public void stateChanged(UplinkState state, String reason) {}

            @Override
            public void refusalChanged(String problem) {
                uplinkRefused.accept(problem != null);
            }
        });
        drainer = new Drainer(outbox, uplink, metrics, DRAIN_WINDOW, Ticker.SYSTEM);
        if (config.mqtt().ack() == UnitConfig.Ack.BACKEND) {
            drainer.backendAcks(BACKEND_ACK_RESEND);
        }
        UnitConfig.Limits limits = config.mqtt().limits();
        if (limits.capped()) {
            drainer.rate(limits.perSecond(), limits.burst());
        }
        health = new HealthReporter(uplink, new HealthSources(metrics, sources.bootedAt(), outbox::depth,
                drainer::oldestPendingAt, sources.scannerConnected(), sources.configVersion(), version,
                sources::lastStop, sources.storage(), clock, outbox::lostSeqs, HealthSources.of(uplink, drainer),
                sources.signals()),
                Duration.ofSeconds(config.health().intervalSeconds())).lastUpdate(sources.lastUpdate());
        vouchers = new VoucherDesk(uplink, metrics, answerKey(config.codes().redeemPublicKeyFile()));
    }

    /** The backend's key from {@code codes.redeemPublicKeyFile}; one that cannot be read lets no answer count. */
    static VoucherDesk.AnswerKey answerKey(java.nio.file.Path file) {
        if (file == null) {
            return VoucherDesk.AnswerKey.UNSIGNED;
        }
        try {
            return VoucherDesk.AnswerKey.of(io.stampbox.setup.FleetKeys.readPublic(file));
        } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            return VoucherDesk.AnswerKey.unreadable(file + ": " + e.getMessage());
        }
    }

    /** Voucher redemption over this uplink (contract 3.6). */
    Redeemer redeemer() {
        return vouchers;
    }

    /** The uplink, for the parts of the unit that talk to the cloud themselves (voucher redemption). */
    Uplink uplink() {
        return uplink;
    }

    /** Wakes the drainer (the {@code flush} command). */
    void flush() {
        drainer.flush();
    }

    /** Publishes health now, when connected (after the {@code flush} command's wait). */
    void reportHealth() {
        health.reportNow();
    }

    void start() {
        vouchers.start();
        uplink.subscribe(Topics.SCAN_RESULT, (topic, payload) -> scanResults.accept(payload));
        drainer.start();
        health.start();
        uplink.start();
    }

    /** Stops draining, publishes the offline status and disconnects. */
    void stop() {
        health.close();
        drainer.close();
        vouchers.close();
        uplink.stop();
        uplinkRefused.accept(false); // the next uplink (a new mqtt.* configuration) says for itself
    }
}
