package io.stampbox.provision;

import io.stampbox.config.UnitConfig;
import io.stampbox.scan.Frame;
import io.stampbox.scan.ScannerListener;
import io.stampbox.scan.SerialScanner;
import io.stampbox.scan.profile.ScannerProfile;
import io.stampbox.scan.profile.ScannerProfiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.stampbox.wire.Masking;

/** A live test scan through the unit's own scanner and profile: "scan any code now". */
final class ScanCheck {

    private static final String TITLE = "test scan";

    private final UnitConfig unit;
    private final int seconds;
    private final PrintWriter out;

    ScanCheck(UnitConfig unit, int seconds, PrintWriter out) {
        this.unit = unit;
        this.seconds = seconds;
        this.out = out;
    }

    CheckResult run() {
        BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        ScannerProfile profile = ScannerProfiles.forName(unit.scanner().profile());
        SerialScanner scanner = new SerialScanner(unit.scanner(), profile);
        out.println("  scan any code now (waiting " + seconds + " s)...");
        out.flush();
        scanner.start(new ScannerListener() {
            @Override
            public void onFrame(Frame frame) {
                frames.add(frame);
            }

            @Override
            public void onConnected(boolean connected) {
                // the port check reports the device
            }
        });
        try {
            Frame frame = frames.poll(seconds, TimeUnit.SECONDS);
            return frame == null ? CheckResult.fail(TITLE, "nothing read in " + seconds + " s (module setup: "
                            + profile.state().name().toLowerCase() + ")",
                    "hold a code 10-20 cm under the scanner; set the module to serial output at " + unit.scanner().baud()
                            + " baud, suffix CR (hardware/scanners.md)")
                    : CheckResult.pass(TITLE, describe(frame));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(TITLE, "interrupted", "run it again");
        } finally {
            scanner.close();
        }
    }

    private String describe(Frame frame) {
        String text = new String(frame.bytes(), StandardCharsets.UTF_8).strip();
        String kind = unit.codes().cardPattern().matcher(text).matches() ? "a card"
                : unit.codes().voucherPattern() != null && unit.codes().voucherPattern().matcher(text).matches()
                        ? "a voucher" : "neither a card nor a voucher: the unit would signal rejected";
        return "read " + Masking.mask(text) + ", " + kind;
    }
}
