package io.stampbox.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Recent log lines of a unit (revision 2026-11-30, firmware-host/docs/fleet.md "Logs"): the {@code result}
 * of {@code cmd/logs}, and each message on {@code {root}/{id}/logs} while the unit is followed.
 *
 * <p>{@code next} is the number of the last line looked at: ask again with {@code "after": next} to go on
 * when {@code more} is true. {@code dropped} counts lines after the asked point that the unit's bounded
 * ring no longer held. {@code level} is the unit's log level now, {@code configuredLevel} the one it returns
 * to; {@code followingUntil} is set while the unit publishes on {@code logs}; {@code end} marks its last
 * message there.
 */
@JsonPropertyOrder({"lines", "more", "next", "dropped", "level", "configuredLevel", "followingUntil", "end"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogBatch(List<Entry> lines, boolean more, long next, long dropped, String level,
        String configuredLevel, String followingUntil, Boolean end) {

    /** One line as the journal has it, codes masked: {@code at} is an ISO-8601 instant. */
    @JsonPropertyOrder({"n", "at", "level", "thread", "logger", "message"})
    public record Entry(long n, String at, String level, String thread, String logger, String message) {

        /** {@code 2026-11-30T10:00:00.123Z INFO  [fleet] FleetCommands: message}, as journald shows it. */
        public String text() {
            return at + " " + String.format("%-5s", level) + " [" + thread + "] " + logger + ": " + message;
        }
    }

    public LogBatch {
        lines = List.copyOf(lines == null ? List.of() : lines);
    }

    public byte[] toJson() {
        return WireJson.bytes(this);
    }

    public JsonNode toTree() {
        return WireJson.MAPPER.valueToTree(this);
    }

    public static LogBatch fromJson(byte[] json) throws IOException {
        return WireJson.read(json, LogBatch.class);
    }

    public static LogBatch fromTree(JsonNode tree) throws IOException {
        return WireJson.MAPPER.treeToValue(tree, LogBatch.class);
    }
}
