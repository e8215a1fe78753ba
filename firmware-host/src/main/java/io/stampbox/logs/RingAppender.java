package io.stampbox.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;

/**
 * The logback appender that keeps each log line in {@link LogRing#shared()} (logback.xml), as the journal
 * has it: the formatted message (codes are masked where they are logged, {@code wire.Masking}), the
 * exception's class and message, without its stack. Control characters are escaped, so a line is one line.
 */
public final class RingAppender extends AppenderBase<ILoggingEvent> {

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(t == event.getThrowableProxy() ? " (" : "; caused by ").append(t.getClassName())
                    .append(": ").append(t.getMessage());
            if (t.getCause() == null) {
                text.append(')');
            }
        }
        String logger = event.getLoggerName();
        LogRing.shared().add(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                oneLine(event.getThreadName()), logger.substring(logger.lastIndexOf('.') + 1), oneLine(text.toString()));
    }

    /** Control characters as {@code \n}, {@code \t} or {@code \\uXXXX}. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
