package io.stampbox.scan;

/** What {@link FrameDecoder} makes of a {@link Frame}: a code to classify, or a frame to reject. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Invalid {

    /**
     * A well-formed code.
     *
     * @param text the decoded text, AIM identifier removed; never empty, no control characters but GS
     * @param symbology a lowercase name such as {@code "qr"}, the raw identifier such as {@code "]X0"}
     *     for one without a name, or null when the scanner sent no AIM identifier
     */
    record Decoded(String text, String symbology) implements DecodeResult {

        /** The code as logs may show it: {@code AB…34}, or just {@code …} for a code under 8 chars. */
        public String masked() {
            if (text.length() < 8) {
                return "…";
            }
            return text.substring(0, 2) + "…" + text.substring(text.length() - 2);
        }

        /** Masked, so that logging a result never leaks a full code. */
        @Override
        public String toString() {
            return "Decoded[text=" + masked() + ", symbology=" + symbology + "]";
        }
    }

    /**
     * A frame that must be signalled {@code rejected} and never become an event.
     *
     * @param reason a short explanation for logs and counters; never contains the code itself
     */
    record Invalid(String reason) implements DecodeResult {}
}
