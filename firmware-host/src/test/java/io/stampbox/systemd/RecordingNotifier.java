package io.stampbox.systemd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Remembers every notification; fails on demand. */
final class RecordingNotifier implements Notifier {

    private final List<String> sent = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized void send(List<String> assignments) throws IOException {
        if (failing) {
            throw new IOException("notify socket gone");
        }
        sent.add(String.join(" ", assignments));
    }

    synchronized void failing(boolean fail) {
        failing = fail;
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }
}
