package io.stampbox.scan;

/**
 * What a scanner module needs at every open: a profile's setup commands. Runs on the
 * {@code scanner-reader} thread right after the port opens and before the first read, so it owns the
 * port meanwhile; bytes it reads are not framed as scans. It must report its own failures and return:
 * an exception is logged and the port is read anyway.
 */
@FunctionalInterface
public interface PortSetup {

    /** No setup: the module is used as configured. */
    PortSetup NONE = link -> { };

    void afterOpen(SerialLink link);
}
