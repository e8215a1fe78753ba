package io.stampbox.app;

import java.nio.file.Path;

/** Test child for {@link StopRecordTest}: {@code StopRecordChild DIR} marks a run as started, prints the last stop. */
public final class StopRecordChild {

    private StopRecordChild() {}

    public static void main(String[] args) {
        System.out.println(new StopRecord(Path.of(args[0])).begin());
    }
}
