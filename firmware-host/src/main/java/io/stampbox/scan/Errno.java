package io.stampbox.scan;

import java.util.Map;

/**
 * Linux errno values as their names, for log lines and messages about the serial port: jSerialComm gives
 * bare numbers ({@code getLastErrorCode()}), and {@code error 5} tells an installer nothing while
 * {@code EIO (input/output error)} does.
 */
public final class Errno {

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(1, new String[] {"EPERM", "operation not permitted"}),
            Map.entry(2, new String[] {"ENOENT", "no such file or directory"}),
            Map.entry(5, new String[] {"EIO", "input/output error: the device went away or failed"}),
            Map.entry(6, new String[] {"ENXIO", "no such device or address"}),
            Map.entry(11, new String[] {"EAGAIN", "resource temporarily unavailable"}),
            Map.entry(13, new String[] {"EACCES", "permission denied: the service user may not open the device"}),
            Map.entry(16, new String[] {"EBUSY", "device or resource busy: another program holds it"}),
            Map.entry(19, new String[] {"ENODEV", "no such device"}),
            Map.entry(25, new String[] {"ENOTTY", "not a terminal device"}));

    private Errno() {}

    /** {@code EIO}, or null for a number not in the table. */
    public static String name(int errno) {
        String[] known = KNOWN.get(errno);
        return known == null ? null : known[0];
    }

    /** {@code EACCES (permission denied: ...)}; {@code errno 123} for one not in the table. */
    public static String describe(int errno) {
        String[] known = KNOWN.get(errno);
        return known == null ? "errno " + errno : known[0] + " (" + known[1] + ")";
    }
}
