package io.stampbox.toolkit;

/** The exit codes every Stampbox tool uses: 0 all went well, 1 a check or operation failed, 2 bad usage or input. */
public final class Exit {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Exit() {}
}
