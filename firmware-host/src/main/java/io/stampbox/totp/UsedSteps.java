package io.stampbox.totp;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The last step each card was stamped with, so that a rotating value is used once: a value for a step
 * at or before the card's last used step is a replay (RFC 6238 section 5.2). Kept in memory only, owned
 * by the pipeline thread; steps that can no longer match (older than now - 1) are forgotten.
 */
public final class UsedSteps {

    private static final int PRUNE_ABOVE = 4096;

    private final Map<String, Long> lastStep = new HashMap<>();

    /** Whether {@code step} of this card was used already, here or in the not yet committed {@code pending}. */
    public boolean used(String cardId, long step, Map<String, Long> pending) {
        Long last = pending.containsKey(cardId) ? pending.get(cardId) : lastStep.get(cardId);
        return last != null && step <= last;
    }

    /** Records the steps of stamps that were committed. */
    public void recordAll(Map<String, Long> steps, long nowStep) {
        lastStep.putAll(steps);
        if (lastStep.size() > PRUNE_ABOVE) {
            Iterator<Long> it = lastStep.values().iterator();
            while (it.hasNext()) {
                if (it.next() < nowStep - 1) {
                    it.remove();
                }
            }
        }
    }
}
