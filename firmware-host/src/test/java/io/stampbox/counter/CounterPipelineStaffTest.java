package io.stampbox.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.health.Metrics;
import io.stampbox.health.Metrics.Tally;
import io.stampbox.scan.Frame;
import io.stampbox.signal.Indication;
import io.stampbox.signal.StaffButton.Press;
import io.stampbox.testing.ManualScheduler;
import io.stampbox.testing.MemoryOutbox;
import io.stampbox.testing.RecordingIndicator;
import io.stampbox.wire.ScanEvent;
import io.stampbox.wire.Signal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The staff button in the pipeline: undo within the window, staff-confirm, console presses. Time is manual. */
class CounterPipelineStaffTest {

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final RecordingIndicator indicator = new RecordingIndicator();
    private final Metrics metrics = new Metrics();
    private final ManualScheduler time = new ManualScheduler();
    private CounterPipeline pipeline;

    private static UnitConfig config(String platform, String extra) throws Exception {
        return ConfigLoader.parse("""
                {"device": {"id": "unit-7", "store": "bakery-3"}, "scanner": {"type": "stdin"},
                 "storage": {"dir": "/unused"}, "feedback": {"platform": "%s"},
                 "codes": {"cardPattern": "^CARD-(?<card>[0-9]{4})$", "voucherPattern": "^VCH-(?<voucher>[A-Z0-9]+)$",
                           "repeatWindowMs": 2000}%s}
                """.formatted(platform, extra));
    }

    private void start(UnitConfig config) {
        pipeline = new CounterPipeline(new CounterPipeline.Parts(() -> config, outbox, indicator,
                new StatusBoard(indicator), metrics, time.clock(), () -> true, Redeemer.OFFLINE, SetupDesk.OFF,
                time, time));
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private Frame scan(String text) {
        Frame frame = new Frame(text.getBytes(StandardCharsets.UTF_8), false, time.nanos(), time.clock().instant());
        pipeline.onFrame(frame);
        return frame;
    }

    private List<Signal> signals(int count) {
        return indicator.await(count).stream().map(Indication::signal).toList();
    }

    private ScanEvent event(int index) throws Exception {
        return ScanEvent.fromJson(outbox.appended().get(index).payload());
    }

    @Test
    void aShortPressWithinTheUndoWindowRecordsAVoidNamingTheStamp() throws Exception {
        start(config("none", ""));
        scan("CARD-1234");
        Indication accepted = indicator.await(1).get(0);
        time.advance(9_999);
        pipeline.pressed(Press.SHORT);
        Indication undone = indicator.await(2).get(1);
        assertEquals(Signal.UNDONE, undone.signal());
        assertEquals(2, outbox.appended().size(), "the void is durable before 'undone'");
        ScanEvent voidEvent = event(1);
        assertEquals("void", voidEvent.kind());
        assertEquals(2, voidEvent.seq());
        assertEquals(undone.eventId(), voidEvent.eventId());
        assertEquals(new ScanEvent.Voids(accepted.eventId(), accepted.seq()), voidEvent.voids());
        assertEquals("1234", voidEvent.cardId());
        assertNull(voidEvent.code(), "a void carries no code");
        assertEquals("stamp", event(0).kind(), "the stamp itself is never rewritten");
        assertNull(event(0).voids());
        assertEquals(1, metrics.get(Tally.UNDONE));
    }

    @Test
    void aPressAfterTheWindowOrASecondPressUndoesNothing() throws Exception {
        start(config("none", ""));
        pipeline.pressed(Press.SHORT); // nothing accepted yet
        scan("CARD-1234");
        signals(2);
        time.advance(10_001);
        pipeline.pressed(Press.SHORT);
        scan("CARD-5678");
        signals(4);
        pipeline.pressed(Press.SHORT);
        pipeline.pressed(Press.SHORT); // the last one is already undone
        pipeline.pressed(Press.LONG); // a long press never undoes
        assertEquals(List.of(Signal.NOTHING_TO_UNDO, Signal.ACCEPTED, Signal.NOTHING_TO_UNDO, Signal.ACCEPTED,
                Signal.UNDONE, Signal.NOTHING_TO_UNDO, Signal.NOTHING_TO_UNDO), signals(7));
        assertEquals(3, outbox.appended().size());
        assertEquals(new ScanEvent.Voids(event(1).eventId(), 2), event(2).voids());
        assertEquals(4, metrics.get(Tally.NOTHING_TO_UNDO));
    }

    @Test
    void undoSecondsZeroTurnsUndoOff() throws Exception {
        start(config("none", ", \"staff\": {\"undoSeconds\": 0}"));
        scan("CARD-1234");
        signals(1);
        time.advance(1);
        pipeline.pressed(Press.SHORT);
        assertEquals(List.of(Signal.ACCEPTED, Signal.NOTHING_TO_UNDO), signals(2));
        assertEquals(1, outbox.appended().size());
    }

    @Test
    void staffConfirmHoldsTheScanUntilAPress() throws Exception {
        start(config("console", ", \"staff.consolePresses\": true, \"workflow\": {\"mode\": \"staff-confirm\"}"));
        scan("CARD-1234");
        assertEquals(List.of(Signal.AWAITING_STAFF), signals(1));
        time.advance(19_000);
        assertEquals(0, outbox.appended().size(), "nothing recorded while waiting");
        pipeline.pressed(Press.SHORT);
        Indication accepted = indicator.await(2).get(1);
        assertEquals(Signal.ACCEPTED, accepted.signal());
        assertEquals(1, outbox.appended().size());
        assertEquals(accepted.eventId(), event(0).eventId());
        time.advance(5_000); // the old deadline passes: nothing more
        pipeline.pressed(Press.SHORT); // and a confirmed stamp can be undone like any other
        assertEquals(List.of(Signal.AWAITING_STAFF, Signal.ACCEPTED, Signal.UNDONE), signals(3));
    }

    @Test
    void staffConfirmWithoutAPressExpiresAndRecordsNothing() throws Exception {
        start(config("console", ", \"staff.consolePresses\": true, \"workflow\": {\"mode\": \"staff-confirm\"}, \"staff\": {\"confirmSeconds\": 5}"));
        scan("CARD-1234");
        signals(1);
        time.advance(5_000);
        assertEquals(List.of(Signal.AWAITING_STAFF, Signal.EXPIRED), signals(2));
        pipeline.pressed(Press.SHORT); // too late: nothing held, nothing to undo
        assertEquals(Signal.NOTHING_TO_UNDO, signals(3).get(2));
        assertEquals(0, outbox.appended().size());
        assertEquals(1, metrics.get(Tally.EXPIRED));
    }

    @Test
    void aSecondScanDuringTheWaitReplacesTheFirst() throws Exception {
        start(config("console", ", \"staff.consolePresses\": true, \"workflow\": {\"mode\": \"staff-confirm\"}"));
        scan("CARD-1111");
        signals(1);
        time.advance(3_000);
        scan("CARD-2222");
        signals(2);
        time.advance(18_000); // past the first scan's deadline, inside the second's
        pipeline.pressed(Press.SHORT);
        assertEquals(List.of(Signal.AWAITING_STAFF, Signal.AWAITING_STAFF, Signal.ACCEPTED), signals(3));
        assertEquals(1, outbox.appended().size());
        assertEquals("2222", event(0).cardId());
        assertEquals(1, metrics.get(Tally.EXPIRED), "the replaced scan is counted");
    }

    @Test
    void aLongPressDropsTheHeldScan() throws Exception {
        start(config("console", ", \"staff.consolePresses\": true, \"workflow\": {\"mode\": \"staff-confirm\"}"));
        scan("CARD-1234");
        signals(1);
        pipeline.pressed(Press.LONG);
        assertEquals(List.of(Signal.AWAITING_STAFF, Signal.EXPIRED), signals(2));
        time.advance(30_000);
        assertEquals(2, indicator.shown().size(), "the dropped scan's deadline says nothing more");
        assertEquals(0, outbox.appended().size());
    }

    @Test
    void vouchersAreUnchangedInStaffConfirm() throws Exception {
        start(config("console", ", \"staff.consolePresses\": true, \"workflow\": {\"mode\": \"staff-confirm\"}"));
        scan("VCH-ABC1");
        assertEquals(List.of(Signal.VOUCHER_UNVERIFIED), signals(1));
    }

    @Test
    void consoleLinesPressOnlyWhereConfigured() throws Exception {
        start(config("console", ", \"staff\": {\"consolePresses\": true}"));
        scan("CARD-1234");
        signals(1);
        scan("!");
        scan("!!");
        assertEquals(List.of(Signal.ACCEPTED, Signal.UNDONE, Signal.NOTHING_TO_UNDO), signals(3));
        pipeline.close();
        start(config("console", ""));
        scan("!");
        assertEquals(Signal.REJECTED, signals(4).get(3), "without staff.consolePresses '!' is just a bad code");
    }

    private void answer(String eventId, String reward) {
        pipeline.scanResult(("{\"eventId\": \"" + eventId + "\", \"stamps\": 10, \"goal\": 10, \"reward\": \""
                + reward + "\", \"label\": \"Free coffee\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rewardDueIsPlayedOnlyForTheLatestStampInTime() throws Exception {
        start(config("none", "")); // feedback.rewardWindowMs: the default 5000
        scan("CARD-1111");
        String older = indicator.await(1).get(0).eventId();
        time.advance(2_500);
        scan("CARD-2222");
        String latest = indicator.await(2).get(1).eventId();
        time.advance(4_999);
        answer(latest, "due"); // within the default 5000 ms of its signal
        assertEquals(Signal.REWARD_DUE, signals(3).get(2));
        answer(older, "due"); // in time for its own signal, but not the latest stamp
        answer(latest, "none");
        time.advance(2);
        answer(latest, "due"); // 5001 ms: late
        pipeline.scanResult("{\"eventId\": 7}".getBytes(StandardCharsets.UTF_8));
        scan("CARD-3333");
        assertEquals(Signal.ACCEPTED, signals(4).get(3));
        assertEquals(4, indicator.shown().size(), "nothing else played: " + indicator.shown());
        assertEquals(1, metrics.get(Tally.REWARD_DUE));
        assertEquals(2, metrics.get(Tally.REWARDS_DUE_UNSIGNALLED));
        assertEquals(1, metrics.get(Tally.SCAN_RESULTS_IGNORED));
    }

    @Test
    void anUndoneStampGetsNoReward() throws Exception {
        start(config("none", ""));
        scan("CARD-1111");
        String stamp = indicator.await(1).get(0).eventId();
        pipeline.pressed(Press.SHORT);
        signals(2);
        answer(stamp, "due");
        scan("CARD-2222");
        assertEquals(List.of(Signal.ACCEPTED, Signal.UNDONE, Signal.ACCEPTED), signals(3));
        assertEquals(1, metrics.get(Tally.REWARDS_DUE_UNSIGNALLED));
    }
}
