package io.stampbox.fleetctl;

import io.stampbox.config.RemoteDocument;
import io.stampbox.toolkit.ToolFailure;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;

/** Asks before a push that changes where the units' data goes ({@code mqtt.*}). */
final class PushGuard {

    private PushGuard() {}

    /**
     * Returns when the push may go ahead: the document sets no {@code mqtt.*} key, {@code --yes} was given,
     * or the admin answered yes at the terminal.
     *
     * @throws ToolFailure (exit 2) when there is no terminal to ask and no {@code --yes}, or the answer is no
     */
    static void confirm(RemoteDocument doc, boolean yes, PrintWriter err) {
        List<String> keys = doc.keys().keySet().stream().filter(k -> k.startsWith("mqtt.")).sorted().toList();
        if (keys.isEmpty() || yes) {
            return;
        }
        String what = "this document changes where the units' data goes (" + String.join(", ", keys) + "): a unit"
                + " that cannot deliver with it rolls back after config.rollbackSeconds, and reports to the new broker";
        Console console = System.console();
        if (console == null) {
            throw ToolFailure.usage(what + "; nothing pushed: give --yes to push it", (Throwable) null);
        }
        err.println("stampbox-fleet: warning: " + what);
        err.flush();
        String answer = console.readLine("Push it? [y/N] ");
        if (answer == null || !answer.strip().toLowerCase().startsWith("y")) {
            throw ToolFailure.usage("not pushed (answered no)", (Throwable) null);
        }
    }
}
