package io.stampbox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every topic of contract section 3 and its revision, spelled out literally: a rename fails here. */
class TopicsTest {

    private final Topics till = new Topics("stampbox/v1", "till-1");

    @Test
    void everyTopicOfTheUnit() {
        assertEquals("stampbox/v1/till-1/scan", till.scan());
        assertEquals("stampbox/v1/till-1/status", till.status());
        assertEquals("stampbox/v1/till-1/health", till.health());
        assertEquals("stampbox/v1/till-1/config/desired", till.desired());
        assertEquals("stampbox/v1/_fleet/config/desired", till.fleetDesired());
        assertEquals("stampbox/v1/till-1/config/reported", till.reported());
        assertEquals("stampbox/v1/till-1/cmd/identify", till.command("identify"));
        assertEquals("stampbox/v1/till-1/cmd/result", till.commandResult());
        assertEquals("stampbox/v1/till-1/redeem/request", till.redeemRequest());
        assertEquals("stampbox/v1/till-1/redeem/response", till.redeemResponse());
        assertEquals("stampbox/v1/till-1/scan/ack", till.scanAck());
        assertEquals("stampbox/v1/till-1/scan/result", till.scanResult());
    }

    @Test
    void subtopicsAsTheUplinkTakesThem() {
        assertEquals("scan", Topics.SCAN);
        assertEquals("status", Topics.STATUS);
        assertEquals("health", Topics.HEALTH);
        assertEquals("config/desired", Topics.CONFIG_DESIRED);
        assertEquals("config/reported", Topics.CONFIG_REPORTED);
        assertEquals("cmd/+", Topics.COMMANDS);
        assertEquals("cmd/result", Topics.COMMAND_RESULT);
        assertEquals("redeem/request", Topics.REDEEM_REQUEST);
        assertEquals("redeem/response", Topics.REDEEM_RESPONSE);
        assertEquals("scan/ack", Topics.SCAN_ACK);
        assertEquals("scan/result", Topics.SCAN_RESULT);
        assertEquals("cmd/flush", Topics.commandSubtopic("flush"));
        assertEquals("stampbox/v1/till-1/x/y", till.device("x/y"));
        assertEquals("stampbox/v1/_fleet/config/desired", till.fleet(Topics.CONFIG_DESIRED));
    }

    @Test
    void fleetWideTopicsForTools() {
        assertEquals("acme/v1/_fleet/config/desired", Topics.fleet("acme/v1", Topics.CONFIG_DESIRED));
        assertEquals("acme/v1/+/status", Topics.everyUnit("acme/v1", Topics.STATUS));
        assertEquals("acme/v1/_cli/marker-1", Topics.tools("acme/v1", "marker-1"));
    }

    @Test
    void commandNamesFromTopics() {
        assertEquals("identify", Topics.commandName("stampbox/v1/till-1/cmd/identify"));
        assertNull(Topics.commandName("stampbox/v1/till-1/cmd/result"), "the unit's own answers");
        assertNull(Topics.commandName("stampbox/v1/till-1/config/desired"));
        assertEquals("", Topics.commandName("stampbox/v1/till-1/cmd/"), "answered as an unknown command");
        assertNull(Topics.commandName("stampbox/v1/till-1/xcmd/identify"));
        for (String bad : new String[] {"result", "", "a/b", "+", "#"}) {
            assertThrows(IllegalArgumentException.class, () -> till.command(bad), bad);
        }
    }

    @Test
    void reservedIdsAreNoUnit() {
        assertEquals(java.util.Set.of("_fleet", "_cli"), Topics.RESERVED);
        IllegalArgumentException fleet = assertThrows(IllegalArgumentException.class,
                () -> new Topics("stampbox/v1", "_fleet"));
        assertTrue(fleet.getMessage().startsWith("device.id: \"_fleet\" is reserved"), fleet.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Topics("stampbox/v1", "_cli"));
        assertEquals("stampbox/v1/_till/scan", new Topics("stampbox/v1", "_till").scan(), "the contract allows _");
    }

    @Test
    void idsAndRootsThatWouldBreakTopicsAreRefused() {
        for (String bad : new String[] {"", "a/b", "+", "#", "till+1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Topics("r", bad));
            assertTrue(e.getMessage().startsWith("device.id: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Topics("r", null));
        for (String bad : new String[] {"", "/r", "r/", "r//v1", "r/+", "r/#"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Topics(bad, "u"));
            assertTrue(e.getMessage().startsWith("mqtt.topicRoot: "), e.getMessage());
        }
    }

    @Test
    void theUnitOfATopic() {
        assertEquals("till-1", Topics.unitOf("stampbox/v1", "stampbox/v1/till-1/status", Topics.STATUS));
        assertEquals("till-1", Topics.unitOf("stampbox/v1", "stampbox/v1/till-1/redeem/request", Topics.REDEEM_REQUEST));
        assertNull(Topics.unitOf("stampbox/v1", "stampbox/v1/_fleet/status", Topics.STATUS), "reserved");
        assertNull(Topics.unitOf("stampbox/v1", "stampbox/v1/till-1/health", Topics.STATUS), "another subtopic");
        assertNull(Topics.unitOf("stampbox/v1", "stampbox/v1/a/b/status", Topics.STATUS), "two levels");
        assertNull(Topics.unitOf("stampbox/v1", "other/v1/till-1/status", Topics.STATUS), "another root");
        assertNull(Topics.unitOf("stampbox/v1", "stampbox/v1//status", Topics.STATUS), "no id");
    }
}
