package io.stampbox.config;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The unit's effective configuration (contract section 2), validated whole by {@link ConfigLoader}.
 * Immutable; a change of configuration is a new instance swapped in.
 *
 * @param version the applied remote configuration version; 0 while only the local file applies
 */
public record UnitConfig(
        Device device,
        Scanner scanner,
        Mqtt mqtt,
        Storage storage,
        Codes codes,
        Remote config,
        Feedback feedback,
        Health health,
        ClockSync clock,
        Setup setup,
        Staff staff,
        Workflow workflow,
        Update update,
        long version) {

    /** BCM pin value meaning "not wired". */
    public static final int NO_PIN = -1;

    public record Device(String id, String store) {}

    public enum ScannerType { SERIAL, STDIN }

    public record Scanner(ScannerType type, String port, int baud, int maxFrameBytes, String profile) {}

    /**
     * @param url the first broker URL ({@code mqtt.url}, or the first of {@code mqtt.urls}); null when no
     *     broker is configured: the unit runs offline and keeps everything
     * @param protocol {@code mqtt.protocol}: MQTT 5 (default) or 3.1.1 (brokers without MQTT 5)
     * @param ack {@code uplink.ack}: what releases an event from the outbox
     * @param urls every broker URL in the order tried ({@code mqtt.urls}, or the one {@code mqtt.url});
     *     empty when {@code url} is null
     * @param limits {@code mqtt.preset} and {@code mqtt.rate.*}: the publish rate cap and packet size
     */
    public record Mqtt(String url, String topicRoot, String username, String password, Tls tls,
            Protocol protocol, Ack ack, java.util.List<String> urls, Limits limits) {

        public Mqtt {
            urls = urls != null && !urls.isEmpty() ? java.util.List.copyOf(urls)
                    : url == null ? java.util.List.of() : java.util.List.of(url);
            url = urls.isEmpty() ? null : urls.get(0);
            limits = limits == null ? Limits.DEFAULT : limits;
        }

        public Mqtt(String url, String topicRoot, String username, String password, Tls tls, Protocol protocol, Ack ack) {
            this(url, topicRoot, username, password, tls, protocol, ack, null, null);
        }

        /** MQTT 5 and broker acknowledgements, the defaults. */
        public Mqtt(String url, String topicRoot, String username, String password, Tls tls) {
            this(url, topicRoot, username, password, tls, Protocol.MQTT_5, Ack.BROKER);
        }

        public boolean enabled() {
            return url != null;
        }

        public Mqtt withProtocol(Protocol p) {
            return new Mqtt(url, topicRoot, username, password, tls, p, ack, urls, limits);
        }

        public Mqtt withAck(Ack a) {
            return new Mqtt(url, topicRoot, username, password, tls, protocol, a, urls, limits);
        }

        /** The same with these broker URLs, tried in this order (at least one). */
        public Mqtt withUrls(java.util.List<String> list) {
            return new Mqtt(null, topicRoot, username, password, tls, protocol, ack, list, limits);
        }

        public Mqtt withLimits(Limits l) {
            return new Mqtt(url, topicRoot, username, password, tls, protocol, ack, urls, l);
        }
    }

    /**
     * What a broker allows one connection ({@code mqtt.preset}, {@code mqtt.rate.*}).
     *
     * @param preset {@code none} or {@code aws-iot}
     * @param perSecond the drain's publish rate cap; 0: none
     * @param burst how many publishes may go at once after a quiet spell (the token bucket's size)
     * @param maxPacketBytes the largest packet sent (beside the broker's own MQTT 5 maximum); 0: none
     */
    public record Limits(String preset, int perSecond, int burst, int maxPacketBytes) {
        /** No preset: 1,000 publishes/s, bursts of 100; the broker's own maximum packet size. */
        public static final Limits DEFAULT = new Limits("none", 1_000, 100, 0);
        /** AWS IoT Core: 100 publishes/s per connection (80 for scans, 20 spare), 128 KB payloads. */
        public static final Limits AWS_IOT = new Limits("aws-iot", 80, 10, 128 * 1024);

        public boolean capped() {
            return perSecond > 0;
        }
    }

    /** {@code mqtt.protocol}, as written in the file: {@code "5"} or {@code "3.1.1"}. */
    public enum Protocol {
        MQTT_5("5"), MQTT_3_1_1("3.1.1");

        private final String text;

        Protocol(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Protocol of(String text) {
            return "3.1.1".equals(text) ? MQTT_3_1_1 : MQTT_5;
        }
    }

    /**
     * {@code uplink.ack}: {@code broker} releases an event on the broker's success reason code (PUBACK);
     * {@code backend} only when the backend publishes {@code scan/ack} with {@code throughSeq} at or above it.
     */
    public enum Ack { BROKER, BACKEND }

    /** PEM files; each may be null. */
    public record Tls(Path caFile, Path certFile, Path keyFile) {}

    public record Storage(Path dir, long maxEvents) {}

    /**
     * @param voucherPattern null when vouchers are not read at this unit
     * @param totp null when card codes carry no rotating part
     * @param redeemPublicKeyFile the backend's Ed25519 key (PEM) that voucher answers must be signed with;
     *     null: answers are believed unsigned (local file only)
     */
    public record Codes(
            Pattern cardPattern,
            Pattern voucherPattern,
            long repeatWindowMs,
            long cooldownSeconds,
            long redeemTimeoutMs,
            Totp totp,
            Path redeemPublicKeyFile) {

        public Codes(Pattern cardPattern, Pattern voucherPattern, long repeatWindowMs, long cooldownSeconds,
                long redeemTimeoutMs, Totp totp) {
            this(cardPattern, voucherPattern, repeatWindowMs, cooldownSeconds, redeemTimeoutMs, totp, null);
        }

        public Codes(Pattern cardPattern, Pattern voucherPattern, long repeatWindowMs, long cooldownSeconds,
                long redeemTimeoutMs) {
            this(cardPattern, voucherPattern, repeatWindowMs, cooldownSeconds, redeemTimeoutMs, null);
        }
    }

    /**
     * The {@code codes.totp.*} keys: card codes carry an RFC 6238 TOTP (HMAC-SHA1) in the card pattern's
     * named group {@code totp}.
     *
     * @param perCard true: each card's key is HMAC-SHA1(program key, card id); false: the program key
     */
    public record Totp(Secret key, int periodSeconds, int digits, boolean perCard) {}

    /** Key bytes that never show in a string: {@code toString} says only that a secret is there. */
    public static final class Secret {
        private final byte[] bytes;

        public Secret(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Secret s && java.security.MessageDigest.isEqual(bytes, s.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Secret(" + bytes.length + " bytes)";
        }
    }

    /** The {@code config.*} keys: how remote configuration is applied. */
    public record Remote(long rollbackSeconds) {}

    public enum Platform { GPIO, CONSOLE, NONE }

    public record Feedback(Platform platform, Led led, Buzzer buzzer) {}

    public enum LedType { TRAFFIC, RGB }

    /**
     * BCM pin numbers. TRAFFIC uses green, amber and red; RGB uses red, green and blue of one LED and
     * mixes amber.
     *
     * @param activeLow true for a common-anode LED (pin low lights it)
     */
    public record Led(LedType type, int green, int amber, int red, int blue, boolean activeLow) {}

    public enum BuzzerType { ACTIVE, PASSIVE, NONE }

    /** @param pin BCM pin; for a PASSIVE buzzer a hardware PWM pin (12, 13, 18 or 19) */
    public record Buzzer(BuzzerType type, int pin) {}

    public record Health(long intervalSeconds) {}

    /**
     * @param assumeSynced true where the wall clock is known good without a sync daemon (a unit with an
     *     RTC); otherwise the unit asks the system whether the clock is synchronised
     */
    public record ClockSync(boolean assumeSynced) {}

    /**
     * @param publicKeyFile the fleet's setup public key (PEM); null when setup by scan is off and every
     *     setup code is rejected
     */
    public record Setup(Path publicKeyFile) {}

    /**
     * The {@code staff.*} keys: the staff button and what a press does (docs/workflows.md).
     *
     * @param buttonPin BCM pin of the push button (to ground, internal pull-up), or {@link #NO_PIN}
     * @param longPressMs a press held at least this long is a long press
     * @param debounceMs a level must hold this long to count (contact bounce is ignored)
     * @param consolePresses a stdin line {@code !} (short) or {@code !!} (long) presses the button, only
     *     with {@code feedback.platform} = {@code console}
     * @param undoSeconds a short press within this time of an {@code accepted} stamp voids it; 0: no undo
     * @param confirmSeconds staff-confirm mode: how long a card scan waits for a press
     */
    public record Staff(int buttonPin, long longPressMs, long debounceMs, boolean consolePresses, long undoSeconds,
            long confirmSeconds) {}

    /**
     * The {@code update.*} keys (issue 13, firmware-host/docs/updates.md).
     *
     * @param idleSeconds an update is installed only after this long without a scan
     * @param window the daily local-time window (time zone of {@code workflow.timeZone}) an update may be
     *     installed in; null: any time
     * @param verifySeconds how long the new version has to show it works before the helper reverts it
     */
    public record Update(long idleSeconds, Window window, long verifySeconds) {}

    public enum Mode { AUTOPILOT, STAFF_CONFIRM }

    /**
     * The {@code workflow.*} keys, with the two feedback keys of the workflow.
     *
     * @param mode the mode outside every window of the schedule
     * @param schedule local-time windows in which the other mode holds (empty: {@code mode} always)
     * @param zone the time zone the windows are read in ({@code workflow.timeZone}, default the system's)
     * @param rewardWindowMs {@code feedback.rewardWindowMs}: a "reward due" answer later than this after
     *     its stamp's signal is counted, not played
     * @param guideLightPin {@code feedback.guideLightPin}: BCM pin of the guide light, or {@link #NO_PIN}
     */
    public record Workflow(Mode mode, java.util.List<Window> schedule, java.time.ZoneId zone, long rewardWindowMs,
            int guideLightPin) {

        /** The mode in effect at this instant. */
        public Mode modeAt(java.time.Instant now) {
            java.time.LocalTime local = now.atZone(zone).toLocalTime();
            for (Window window : schedule) {
                if (window.contains(local)) {
                    return mode == Mode.AUTOPILOT ? Mode.STAFF_CONFIRM : Mode.AUTOPILOT;
                }
            }
            return mode;
        }
    }

    /** A daily local-time window {@code [from, to)}; {@code to} before {@code from} runs past midnight. */
    public record Window(java.time.LocalTime from, java.time.LocalTime to) {
        public boolean contains(java.time.LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }
}
