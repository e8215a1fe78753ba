package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.config.UnitConfig;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private static UnitConfig.Codes codes(String card, String voucher) {
        return new UnitConfig.Codes(Pattern.compile(card), voucher == null ? null : Pattern.compile(voucher),
                2000, 0, 3000);
    }

    @Test
    void theNamedGroupIsTheCardId() {
        assertEquals(new Classifier.Classification(Classifier.Kind.CARD, "00042"),
                Classifier.classify("https://w.example/c/00042", codes("/c/(?<card>[0-9]+)$", null)));
    }

    @Test
    void withoutANamedGroupTheWholeMatchIsTheId() {
        assertEquals(new Classifier.Classification(Classifier.Kind.CARD, "SB-77"),
                Classifier.classify("xx SB-77", codes("SB-[0-9]+", null)));
    }

    @Test
    void aVoucherPatternWinsOverAnOverlappingCardPattern() {
        assertEquals(new Classifier.Classification(Classifier.Kind.VOUCHER, "V1"),
                Classifier.classify("VCH-V1", codes("^[A-Z0-9-]+$", "^VCH-(?<voucher>.+)$")));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(Classifier.Kind.UNKNOWN, Classifier.classify("hello", codes("^CARD-\\d+$", "^VCH-\\d+$")).kind());
    }

    @Test
    void anEmptyNamedGroupIsNotAnId() {
        assertEquals(Classifier.Kind.UNKNOWN, Classifier.classify("CARD-", codes("^CARD-(?<card>\\d*)$", null)).kind());
    }

    /** A pattern that backtracks catastrophically (the fuzzer's find: a remote cardPattern can be one). */
    @Test
    void aPatternThatBacktracksForeverRejectsTheCodeInsteadOfStallingThePipeline() {
        String code = "a".repeat(40) + "!";
        long started = System.nanoTime();
        assertEquals(Classifier.Kind.UNKNOWN, Classifier.classify(code, codes("^(a+)+$", null)).kind());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 5_000, "gave up in " + millis + " ms");
        assertEquals("aaaa", Classifier.classify("aaaa", codes("^(?<card>(a+)+)$", null)).id(),
                "a code the same pattern matches at once still counts");
    }
}
