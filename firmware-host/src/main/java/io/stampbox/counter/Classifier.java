package io.stampbox.counter;

import io.stampbox.contract.UnitConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides what a decoded code is, by the configured voucher and card patterns. */
final class Classifier {

    enum Kind { CARD, VOUCHER, UNKNOWN }

    /** @param id the card or voucher id (the named group, or the whole match); null for UNKNOWN */
    record Classification(Kind kind, String id) {}

    private static final Classification UNKNOWN = new Classification(Kind.UNKNOWN, null);

    private Classifier() {}

    /**
     * A voucher pattern is checked first: voucher codes are the deliberate, rarer scan and their
     * patterns the narrower ones.
     */
    static Classification classify(String code, UnitConfig.Codes codes) {
        String voucher = idOf(codes.voucherPattern(), "voucher", code);
        if (voucher != null) {
            return new Classification(Kind.VOUCHER, voucher);
        }
        String card = idOf(codes.cardPattern(), "card", code);
        if (card != null) {
            return new Classification(Kind.CARD, card);
        }
        return UNKNOWN;
    }

    /** The named group when the pattern has it, else the whole match; null when there is no match. */
    private static String idOf(Pattern pattern, String group, String code) {
        if (pattern == null) {
            return null;
        }
        Matcher m = pattern.matcher(code);
        if (!m.find()) {
            return null;
        }
        String id;
        try {
            id = m.group(group);
        } catch (IllegalArgumentException noSuchGroup) {
            id = m.group();
        }
        return id == null || id.isEmpty() ? null : id;
    }
}
