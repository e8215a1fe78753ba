package io.stampbox.systemd;

import java.io.IOException;
import java.util.List;

/** Sends {@code sd_notify} assignments ({@code READY=1}, {@code WATCHDOG=1}, …) to the service manager. */
interface Notifier {

    void send(List<String> assignments) throws IOException;
}
