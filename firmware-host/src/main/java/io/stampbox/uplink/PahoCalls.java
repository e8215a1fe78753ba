package io.stampbox.uplink;

/**
 * The error handling that {@link V3Client} and {@link V5Client} share around calls into Paho, whose two
 * versions throw two unrelated {@code MqttException} types.
 */
final class PahoCalls {

    /** A call into Paho. */
    interface Call {
        void run() throws Exception;
    }

    private PahoCalls() {}

    /** Runs the call; its failure means nothing to the caller (waiting for an attempt that failed). */
    static void ignoring(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            // nothing to undo
        }
    }

    /** Runs the call, or fails with {@link UplinkException} {@code "<what> failed: <reason>"}. */
    static void run(String what, Call call) {
        try {
            call.run();
        } catch (Exception e) {
            throw new UplinkException(what + " failed: " + FailureReason.describe(e), e);
        }
    }

    /** Runs the call, handing its failure to {@code failed}. */
    static void attempt(Call call, java.util.function.Consumer<Throwable> failed) {
        try {
            call.run();
        } catch (Exception e) {
            failed.accept(e);
        }
    }

    /** A clean disconnect, or a forced one when that fails. */
    static void disconnect(Call clean, Call forced) {
        try {
            clean.run();
        } catch (Exception e) {
            run("disconnect", forced);
        }
    }
}
