package io.stampbox.contract;

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
        Clock clock,
        long version) {

    public record Device(String id, String store) {}

    public enum ScannerType { SERIAL, STDIN }

    public record Scanner(ScannerType type, String port, int baud, int maxFrameBytes, String profile) {}

    /** @param url null when no broker is configured: the unit runs offline and keeps everything */
    public record Mqtt(String url, String topicRoot, String username, String password, Tls tls) {
        public boolean enabled() {
            return url != null;
        }
    }

    /** PEM files; each may be null. */
    public record Tls(Path caFile, Path certFile, Path keyFile) {}

    public record Storage(Path dir, long maxEvents) {}

    /** @param voucherPattern null when vouchers are not read at this unit */
    public record Codes(
            Pattern cardPattern,
            Pattern voucherPattern,
            long repeatWindowMs,
            long cooldownSeconds,
            long redeemTimeoutMs) {}

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
    public record Clock(boolean assumeSynced) {}
}
