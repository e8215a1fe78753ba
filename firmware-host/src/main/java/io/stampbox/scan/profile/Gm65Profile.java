package io.stampbox.scan.profile;

import io.stampbox.scan.SerialLink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Grow GM65 family on its UART (9600 8N1) or its USB virtual serial port. At every open it writes
 * the zone bits below, each acknowledged within a timeout; they are not saved to the module's flash, so a
 * module that loses power comes back with its own settings and gets them again at the next open. A
 * module that does not answer is reported ({@link SetupState#NO_ANSWER}, one warning) and read anyway.
 */
final class Gm65Profile implements ScannerProfile {

    /** One setting: {@code value} written to zone bit {@code address}. */
    record ZoneWrite(int address, int value, String purpose) {}

    static final long ACK_TIMEOUT_MS = 500;
    static final int MODE_CONTINUOUS = 0b10;
    static final int MODE_SENSING = 0b11;
    /** Zone 0x0000: LED on a good read (bit 7), own beep off (bit 6 = 0), aim and light standard. */
    private static final int CONTROL_BASE = 0x80 | 0x10 | 0x04;

    private static final Logger log = LoggerFactory.getLogger(Gm65Profile.class);

    private final String name;
    private final List<ZoneWrite> writes;
    private final long ackTimeoutMs;
    private volatile SetupState state = SetupState.PENDING;

    Gm65Profile(String name, List<ZoneWrite> writes, long ackTimeoutMs) {
        this.name = name;
        this.writes = List.copyOf(writes);
        this.ackTimeoutMs = ackTimeoutMs;
    }

    /** Reads when something new is in front of it: a phone coming under the scanner. */
    static Gm65Profile sensing() {
        return new Gm65Profile("gm65", writes(MODE_SENSING), ACK_TIMEOUT_MS);
    }

    /** Reads all the time; the same code is sent again only after the same-code delay. */
    static Gm65Profile continuous() {
        return new Gm65Profile("gm65-continuous", writes(MODE_CONTINUOUS), ACK_TIMEOUT_MS);
    }

    static List<ZoneWrite> writes(int mode) {
        return List.of(
                new ZoneWrite(0x0000, CONTROL_BASE | mode,
                        (mode == MODE_SENSING ? "sensing" : "continuous") + " mode, own beep off"),
                new ZoneWrite(0x0060, 0x01, "CR after each code, no prefix, suffix or code id"),
                new ZoneWrite(0x0013, 0x80 | 15, "same code again only after 1.5 s"));
    }

    List<ZoneWrite> zoneWrites() {
        return writes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SetupState state() {
        return state;
    }

    @Override
    public void afterOpen(SerialLink link) {
        for (ZoneWrite write : writes) {
            String problem = send(link, write);
            if (problem != null) {
                report(SetupState.NO_ANSWER, link.path(), write.purpose() + ": " + problem);
                return;
            }
        }
        report(SetupState.CONFIGURED, link.path(), null);
    }

    /** Sends one write and waits for its acknowledgement; null when it came, else what went wrong. */
    private String send(SerialLink link, ZoneWrite write) {
        byte[] buffer = new byte[64];
        AckScanner acks = new AckScanner();
        try {
            link.write(Gm65Frames.zoneWrite(write.address(), write.value()));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMs);
            while (System.nanoTime() < deadline) {
                int count = link.read(buffer);
                if (count > 0 && acks.accept(buffer, count)) {
                    return null;
                }
            }
            return String.format("no acknowledgement within %d ms (zone 0x%04X)", ackTimeoutMs, write.address());
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private void report(SetupState next, String path, String problem) {
        SetupState before = state;
        state = next;
        if (before == next) {
            return;
        }
        if (next == SetupState.CONFIGURED) {
            log.info("scanner {}: {} module set up", path, name);
        } else {
            log.warn("scanner {}: {} module did not answer its setup ({}); reading it with its own settings",
                    path, name, problem);
        }
    }
}
