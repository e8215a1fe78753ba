package io.stampbox.counter;

import java.util.HashMap;
import java.util.Map;

/**
 * When each card was last stamped (epoch millis), loaded from and written with the outbox so that a
 * restart does not reopen a cooldown. Owned by the pipeline thread.
 */
final class Cooldowns {

    private final Map<String, Long> lastStamp;

    Cooldowns(Map<String, Long> loaded) {
        this.lastStamp = new HashMap<>(loaded);
    }

    /**
     * Whether the card was stamped less than {@code cooldownSeconds} from {@code nowMillis}. A stamp
     * time in the future (the wall clock went back, as on a Pi without RTC) counts by its distance.
     */
    boolean cooling(String cardId, long nowMillis, long cooldownSeconds, Map<String, Long> pending) {
        if (cooldownSeconds <= 0) {
            return false;
        }
        Long last = pending.containsKey(cardId) ? pending.get(cardId) : lastStamp.get(cardId);
        return last != null && Math.abs(nowMillis - last) < cooldownSeconds * 1000L;
    }

    void recordAll(Map<String, Long> stamps) {
        lastStamp.putAll(stamps);
    }
}
