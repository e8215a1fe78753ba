package io.stampbox.counter;

import io.stampbox.wire.SetupCodeFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.stampbox.wire.Masking;

/** The pipeline's side of setup by scan: hands setup codes to the desk and logs its verdict once, masked. */
final class SetupScans {

    private static final Logger log = LoggerFactory.getLogger(SetupScans.class);

    private final SetupDesk desk;

    SetupScans(SetupDesk desk) {
        this.desk = desk;
    }

    static boolean isSetupCode(String text) {
        return SetupCodeFormat.isSetupCode(text);
    }

    /** On the pipeline thread; never throws: a failing desk is a rejection. */
    SetupDesk.Verdict check(String code) {
        SetupDesk.Verdict verdict;
        try {
            verdict = desk.scanned(code);
        } catch (RuntimeException e) {
            log.error("setup code {}: the setup desk failed", Masking.mask(code), e);
            return SetupDesk.Verdict.rejected("the setup desk failed: " + e);
        }
        if (verdict.accepted()) {
            log.info("setup code {} accepted: {}", Masking.mask(code), verdict.detail());
        } else {
            log.warn("setup code {} rejected: {}", Masking.mask(code), verdict.detail());
        }
        return verdict;
    }
}
