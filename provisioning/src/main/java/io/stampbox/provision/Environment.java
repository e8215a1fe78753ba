package io.stampbox.provision;

import io.stampbox.counter.ClockStatus;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * What the checks read from the machine, replaceable in tests.
 *
 * @param clock null to ask the system as the unit does
 * @param walkPauseMs how long each signal plays in the walk
 * @param console where the console platform prints its signal lines
 */
record Environment(Accounts accounts, Resolver resolver, ClockStatus clock, long walkPauseMs, PrintStream console) {

    /** Name resolution, the DNS step of the broker check. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws java.net.UnknownHostException;
    }

    static Environment system() {
        return new Environment(new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group")), InetAddress::getAllByName, null,
                1500, System.out);
    }
}
