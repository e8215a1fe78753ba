package io.stampbox.fleetctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stampbox.wire.UpdateOrder;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Waves, the failure limit and the retained rollout document read back and read hostile-first. */
class RolloutPlanTest {

    private static final List<String> TEN = IntStream.rangeClosed(1, 10).mapToObj(i -> "u" + i).toList();

    private static List<Integer> sizes(List<List<String>> waves) {
        return waves.stream().map(List::size).toList();
    }

    @Test
    void canariesFirstThenDoublingOrFixedWaves() {
        assertEquals(List.of(1, 2, 4, 3), sizes(Rollout.plan(TEN, 1, 0)));
        assertEquals(List.of(2, 4, 4), sizes(Rollout.plan(TEN, 2, 0)));
        assertEquals(List.of(1, 3, 3, 3), sizes(Rollout.plan(TEN, 1, 3)));
        assertEquals(List.of(1, 2, 4, 3), sizes(Rollout.plan(TEN, 0, 0)));
        assertEquals(List.of(10), sizes(Rollout.plan(TEN, 20, 0)));
        assertEquals(TEN, Rollout.plan(TEN, 1, 0).stream().flatMap(List::stream).toList(), "every unit once, in order");
    }

    @Test
    void theFailureLimitIsAShareOfTheUnitsReachedOrACount() {
        FailureLimit tenPercent = FailureLimit.parse("10%");
        assertTrue(tenPercent.exceeded(1, 1), "a failed canary");
        assertFalse(tenPercent.exceeded(1, 10), "exactly 10% is not more than 10%");
        assertTrue(tenPercent.exceeded(2, 19));
        assertFalse(FailureLimit.parse("0").exceeded(0, 5));
        assertTrue(FailureLimit.parse("0").exceeded(1, 50));
        assertFalse(FailureLimit.parse("3").exceeded(3, 4));
        assertEquals("12.5%", FailureLimit.parse("12.5%").toString());
        for (String bad : List.of("", "101%", "-1", "ten", "5%%", "99999999999")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> FailureLimit.parse(bad)).getMessage()
                    .startsWith("--max-failures: must be a share such as 10%"), bad);
        }
    }

    @Test
    void textFromTheBrokerCannotDriveTheTerminal() {
        assertEquals("a?[2Jb?c", RolloutReport.printable("a\u001b[2Jb\u202ec"));
        assertEquals("till-1 ok", RolloutReport.printable("till-1 ok"));
    }

    @Test
    void theRolloutDocumentReadsBackAndRefusesNonsense() {
        UpdateOrder order = new UpdateOrder("1.4.0", "https://h/p.deb", "ab".repeat(32), 10,
                Base64.getEncoder().encodeToString(new byte[64]), null);
        Rollout r = new Rollout("r-1", order, FailureLimit.parse("10%"), Rollout.plan(TEN, 1, 0), "2026-11-30T10:00:00Z");
        r.wavesStarted = 2;
        r.units.get("u1").sentAt = "2026-11-30T10:00:01Z";
        r.units.get("u1").state = "reverted";
        r.units.get("u1").reason = "crash loop";
        Rollout back = Rollout.fromJson(r.toJson());
        assertEquals(r.toTree(), back.toTree());
        assertEquals(1, back.failures());
        assertThrows(IllegalArgumentException.class, () -> Rollout.fromJson("{\"units\": 1}".getBytes()));
        String other = new String(r.toJson()).replace("\"id\":\"r-1\"", "\"id\":\"r-2\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rollout.fromJson(other.getBytes())).getMessage()
                .contains("id and its order's rollout differ"));
        String reserved = new String(r.toJson()).replace("\"unit\":\"u3\"", "\"unit\":\"_fleet\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rollout.fromJson(reserved.getBytes())).getMessage()
                .contains("reserved"));
    }
}
