package io.stampbox.app;

import io.stampbox.config.UnitConfig;
import io.stampbox.counter.Redeemer;
import io.stampbox.uplink.Uplink;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cloud link in use now (null while offline): built at start, rebuilt on a configuration change (on
 * the "fleet" thread), stopped at the end (on the stopping thread). Vouchers are redeemed through whichever
 * link is current, so this is also the pipeline's {@link Redeemer}.
 */
final class CurrentCloud implements Redeemer {

    private final Function<UnitConfig, CloudLink> clouds;
    private Consumer<Uplink> attach = u -> { };
    private volatile CloudLink cloud;
    private boolean stopped;

    /** @param clouds builds a link for a configuration, or null to run offline */
    CurrentCloud(Function<UnitConfig, CloudLink> clouds) {
        this.clouds = clouds;
    }

    /** Builds and starts the first link, handing its uplink to {@code attach} first (and every later one). */
    synchronized void start(UnitConfig config, Consumer<Uplink> attach) {
        this.attach = attach;
        open(config);
    }

    /** Stops the link in use and starts one built from {@code next}; nothing after {@link #stop}. */
    synchronized void rebuild(UnitConfig next) {
        if (stopped) {
            return;
        }
        if (cloud != null) {
            cloud.stop();
        }
        open(next);
    }

    private void open(UnitConfig config) {
        cloud = clouds.apply(config);
        if (cloud != null) {
            attach.accept(cloud.uplink());
            cloud.start();
        }
    }

    synchronized void stop() {
        stopped = true;
        if (cloud != null) {
            cloud.stop();
            cloud = null;
        }
    }

    /** The uplink in use, or null while offline; without the lock (the live view reads it every second). */
    Uplink uplink() {
        CloudLink current = cloud;
        return current == null ? null : current.uplink();
    }

    synchronized boolean connected() {
        return cloud != null && cloud.uplink().connected();
    }

    /** Connected, and the broker did not refuse the last publish (a software update's proof). */
    synchronized boolean publishesAccepted() {
        return cloud != null && cloud.uplink().publishesAccepted();
    }

    /** Wakes the drainer. */
    synchronized void flush() {
        if (cloud != null) {
            cloud.flush();
        }
    }

    /** Publishes health now. */
    synchronized void reportHealth() {
        if (cloud != null) {
            cloud.reportHealth();
        }
    }

    /** Voucher redemption through the current uplink; unverified while there is none. */
    @Override
    public CompletionStage<Verdict> redeem(Request request) {
        CloudLink current = cloud;
        return current == null ? Redeemer.OFFLINE.redeem(request) : current.redeemer().redeem(request);
    }
}
