package io.stampbox.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends notifications by running {@code systemd-notify}: Java 17 cannot send datagrams on an AF_UNIX
 * socket, which is what {@code NOTIFY_SOCKET} is. The unit needs {@code NotifyAccess=all} for a child
 * process to be heard; since systemd 246 the tool waits until the manager has read the message, so its
 * quick exit cannot make the manager drop it.
 */
final class SystemdNotifyCommand implements Notifier {

    private static final long TIMEOUT_MS = 10_000;

    private final String command;
    private final Map<String, String> environment;

    SystemdNotifyCommand(String command) {
        this(command, Map.of());
    }

    /** @param environment set for the command on top of this process's (tests point NOTIFY_SOCKET elsewhere) */
    SystemdNotifyCommand(String command, Map<String, String> environment) {
        this.command = command;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void send(List<String> assignments) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(assignments);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not exit within " + TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command + ": interrupted", e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(command + " exited " + process.exitValue() + (output.isEmpty() ? "" : ": " + output));
        }
    }
}
