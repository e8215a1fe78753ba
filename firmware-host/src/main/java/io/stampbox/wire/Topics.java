package io.stampbox.wire;

import java.util.Set;

/**
 * Every MQTT topic of the contract (section 3 and its revision of 2026-11-30), in one place: the unit,
 * the fleet tool and the demo backend build and read topics only here.
 *
 * <p>A unit's topics are {@code {root}/{deviceId}/{subtopic}}, fleet-wide documents
 * {@code {root}/_fleet/{subtopic}}. The subtopic constants are relative to either; the instance methods
 * give full topics for one unit; the static {@link #everyUnit} and {@link #unitOf} serve tools that
 * watch all units under a root.
 */
public record Topics(String root, String deviceId) {

    /** The pseudo unit whose documents apply to every unit. */
    public static final String FLEET = "_fleet";
    /** Where a tool talks to itself ({@code {root}/_cli/...}, e.g. the end marker of a retained read). */
    public static final String TOOLS = "_cli";
    /** Never a unit's {@code device.id}. */
    public static final Set<String> RESERVED = Set.of(FLEET, TOOLS);

    public static final String SCAN = "scan";
    public static final String STATUS = "status";
    public static final String HEALTH = "health";
    public static final String CONFIG_DESIRED = "config/desired";
    public static final String CONFIG_REPORTED = "config/reported";
    public static final String COMMAND_RESULT = "cmd/result";
    /** Subscription filter for every command, {@code cmd/+} (it also matches {@link #COMMAND_RESULT}). */
    public static final String COMMANDS = "cmd/+";
    public static final String REDEEM_REQUEST = "redeem/request";
    public static final String REDEEM_RESPONSE = "redeem/response";
    /** Revision 2026-11-30: the backend's {@code {"throughSeq": N}} when {@code uplink.ack} is backend. */
    public static final String SCAN_ACK = "scan/ack";
    /** Revision 2026-11-30: the backend's optional outcome of a scan. */
    public static final String SCAN_RESULT = "scan/result";
    /** Retained progress of a software update (issue 13, {@link UpdateState}). */
    public static final String UPDATE_STATE = "update/state";
    /** Retained plan of a rollout, written by {@code stampbox-fleet update} only (under {@code _fleet}). */
    public static final String UPDATE_ROLLOUT = "update/rollout";

    private static final String COMMAND_PREFIX = "cmd/";
    private static final String RESULT_NAME = "result";

    /** @throws IllegalArgumentException when the root or the id cannot be used in a topic, or the id is reserved */
    public Topics {
        checkRoot(root);
        checkLevel("device.id", deviceId);
        if (RESERVED.contains(deviceId)) {
            throw new IllegalArgumentException("device.id: \"" + deviceId + "\" is reserved (" + FLEET + ", " + TOOLS
                    + " are the fleet's and the tools' own topics)");
        }
    }

    /** {@code {root}/{deviceId}/{subtopic}} */
    public String device(String subtopic) {
        return root + "/" + deviceId + "/" + subtopic;
    }

    /** {@code {root}/_fleet/{subtopic}} */
    public String fleet(String subtopic) {
        return fleet(root, subtopic);
    }

    /** {@code {root}/_fleet/{subtopic}}, for tools that address no one unit. */
    public static String fleet(String root, String subtopic) {
        checkRoot(root);
        return root + "/" + FLEET + "/" + subtopic;
    }

    public String scan() {
        return device(SCAN);
    }

    public String status() {
        return device(STATUS);
    }

    public String health() {
        return device(HEALTH);
    }

    /** This unit's own desired configuration. */
    public String desired() {
        return device(CONFIG_DESIRED);
    }

    /** The desired configuration of every unit under the root. */
    public String fleetDesired() {
        return fleet(CONFIG_DESIRED);
    }

    public String reported() {
        return device(CONFIG_REPORTED);
    }

    public String command(String name) {
        return device(commandSubtopic(name));
    }

    public String commandResult() {
        return device(COMMAND_RESULT);
    }

    public String redeemRequest() {
        return device(REDEEM_REQUEST);
    }

    public String redeemResponse() {
        return device(REDEEM_RESPONSE);
    }

    public String scanAck() {
        return device(SCAN_ACK);
    }

    public String scanResult() {
        return device(SCAN_RESULT);
    }

    /**
     * {@code cmd/{name}}, relative to the unit.
     *
     * @throws IllegalArgumentException when the name is empty, {@code result} or holds {@code / + #}
     */
    public static String commandSubtopic(String name) {
        checkLevel("command name", name);
        if (name.equals(RESULT_NAME)) {
            throw new IllegalArgumentException("command name: \"result\" is the topic of the answers");
        }
        return COMMAND_PREFIX + name;
    }

    /**
     * The command's name from a topic {@code .../cmd/{name}} (empty for {@code .../cmd/}, which the unit
     * answers as an unknown command); null for {@code cmd/result} (the unit's own answers) and for any
     * other topic.
     */
    public static String commandName(String topic) {
        int at = topic.lastIndexOf('/');
        if (at < 0 || !topic.substring(0, at + 1).endsWith("/" + COMMAND_PREFIX)) {
            return null;
        }
        String name = topic.substring(at + 1);
        return name.equals(RESULT_NAME) ? null : name;
    }

    /** {@code {root}/_cli/{name}}: a topic of a tool's own, which no unit uses. */
    public static String tools(String root, String name) {
        checkRoot(root);
        checkLevel("tool topic", name);
        return root + "/" + TOOLS + "/" + name;
    }

    /** A filter for one subtopic of every unit, {@code {root}/+/{subtopic}} (it matches {@code _fleet} too). */
    public static String everyUnit(String root, String subtopic) {
        checkRoot(root);
        return root + "/+/" + subtopic;
    }

    /**
     * The unit a topic belongs to, for {@code {root}/{id}/{subtopic}} exactly; null for any other topic
     * and for the reserved ids.
     */
    public static String unitOf(String root, String topic, String subtopic) {
        String prefix = root + "/";
        String suffix = "/" + subtopic;
        if (!topic.startsWith(prefix) || !topic.endsWith(suffix) || topic.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        String id = topic.substring(prefix.length(), topic.length() - suffix.length());
        return id.indexOf('/') >= 0 || RESERVED.contains(id) ? null : id;
    }

    private static void checkRoot(String root) {
        if (root == null || root.isEmpty() || root.startsWith("/") || root.endsWith("/")
                || root.contains("+") || root.contains("#") || root.contains("//")) {
            throw new IllegalArgumentException("mqtt.topicRoot: must be topic levels without wildcards or empty"
                    + " levels, got " + (root == null ? "null" : "\"" + root + "\""));
        }
    }

    private static void checkLevel(String what, String level) {
        if (level == null || level.isEmpty() || level.contains("/") || level.contains("+") || level.contains("#")) {
            throw new IllegalArgumentException(what + ": must be one topic level without / + or #, got "
                    + (level == null ? "null" : "\"" + level + "\""));
        }
    }
}
