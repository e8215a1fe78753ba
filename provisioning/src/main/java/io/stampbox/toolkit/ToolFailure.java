package io.stampbox.toolkit;

import java.util.List;

/**
 * A failure a tool explains in one line ({@code stampbox-fleet: cannot reach the broker at tcp://...:
 * connection refused}) and ends with: {@link Exit#FAILED} for an operation that did not work,
 * {@link Exit#USAGE} for input the tool cannot use. Thrown by commands, printed by {@link Failures}; the
 * trace only with {@code --debug}.
 */
public final class ToolFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final List<String> details;

    private ToolFailure(String message, int exitCode, List<String> details, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    /** An operation failed (exit 1). */
    public static ToolFailure failed(String message) {
        return new ToolFailure(message, Exit.FAILED, List.of(), null);
    }

    /** An operation failed (exit 1), because of {@code cause} (shown with {@code --debug}). */
    public static ToolFailure failed(String message, Throwable cause) {
        return new ToolFailure(message, Exit.FAILED, List.of(), cause);
    }

    /** The input cannot be used (exit 2). */
    public static ToolFailure usage(String message, Throwable cause) {
        return new ToolFailure(message, Exit.USAGE, List.of(), cause);
    }

    /** The input cannot be used (exit 2), for these reasons, each printed on its own line. */
    public static ToolFailure usage(String message, List<String> details) {
        return new ToolFailure(message, Exit.USAGE, details, null);
    }

    public int exitCode() {
        return exitCode;
    }

    /** Further lines (e.g. one per validation error); empty when the message says it all. */
    public List<String> details() {
        return details;
    }
}
