package io.stampbox.counter;

import io.stampbox.config.UnitConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides what a decoded code is, by the configured voucher and card patterns. */
final class Classifier {

    private static final Logger log = LoggerFactory.getLogger(Classifier.class);

    enum Kind { CARD, VOUCHER, UNKNOWN }

    /**
     * @param id the card or voucher id (the named group, or the whole match); null for UNKNOWN
     * @param totp a card code's rotating value (the named group {@code totp}), or null
     */
    record Classification(Kind kind, String id, String totp) {
        Classification(Kind kind, String id) {
            this(kind, id, null);
        }
    }

    private static final Classification UNKNOWN = new Classification(Kind.UNKNOWN, null);

    private Classifier() {}

    /**
     * A voucher pattern is checked first: voucher codes are the deliberate, rarer scan and their
     * patterns the narrower ones.
     */
    static Classification classify(String code, UnitConfig.Codes codes) {
        try {
            return classifyBounded(new BoundedText(code), codes);
        } catch (BoundedText.TooSlow e) {
            log.warn("codes: a pattern backtracked too long on a {}-character code ({}); the code is rejected:"
                    + " simplify codes.cardPattern / codes.voucherPattern", code.length(), e.getMessage());
            return UNKNOWN;
        }
    }

    private static Classification classifyBounded(CharSequence code, UnitConfig.Codes codes) {
        Matcher voucher = find(codes.voucherPattern(), code);
        String voucherId = voucher == null ? null : group(voucher, "voucher", true);
        if (voucherId != null) {
            return new Classification(Kind.VOUCHER, voucherId);
        }
        Matcher card = find(codes.cardPattern(), code);
        String cardId = card == null ? null : group(card, "card", true);
        if (cardId != null) {
            return new Classification(Kind.CARD, cardId, group(card, "totp", false));
        }
        return UNKNOWN;
    }

    private static Matcher find(Pattern pattern, CharSequence code) {
        if (pattern == null) {
            return null;
        }
        Matcher m = pattern.matcher(code);
        return m.find() ? m : null;
    }

    /**
     * The named group's text; without such a group, the whole match when {@code wholeIfMissing}, else
     * null. An empty group is null.
     */
    private static String group(Matcher m, String name, boolean wholeIfMissing) {
        String text;
        try {
            text = m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            text = wholeIfMissing ? m.group() : null;
        }
        return text == null || text.isEmpty() ? null : text;
    }
}
