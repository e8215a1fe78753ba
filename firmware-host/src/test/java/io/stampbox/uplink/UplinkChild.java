package io.stampbox.uplink;

/**
 * A unit with only an uplink, run in a child JVM by {@link PahoUplinkProcessTest} so that it can be
 * killed with SIGKILL. Args: broker URL. Prints {@code CONNECTED} once connected; stops the uplink
 * cleanly on SIGTERM (as the daemon's shutdown hook will).
 */
public final class UplinkChild {

    private UplinkChild() {}

    public static void main(String[] args) throws InterruptedException {
        PahoUplink uplink = Units.uplink(Units.mqtt(args[0]));
        uplink.addListener((state, reason) -> {
            if (state == UplinkState.CONNECTED) {
                System.out.println("CONNECTED");
                System.out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(uplink::stop, "shutdown"));
        uplink.start();
        Thread.currentThread().join();
    }
}
