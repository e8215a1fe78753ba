package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import org.junit.jupiter.api.Test;

/** Contract 3.4 with {@code mqtt.urls}: every broker of the list counts. */
class DowngradeTest {

    private static UnitConfig config(String mqtt) throws Exception {
        return ConfigLoader.parse("""
                {"device": {"id": "u", "store": "s"}, "scanner": {"type": "stdin"}, "storage": {"dir": "/x"},
                 "codes": {"cardPattern": ".+"}, "mqtt": %s}""".formatted(mqtt));
    }

    @Test
    void aListWithATcpUrlReplacingSslIsRefusedNamingTheUrl() throws Exception {
        UnitConfig ssl = config("{\"url\": \"ssl://a:8883\"}");
        assertEquals("mqtt.urls[0]: never from ssl:// to tcp:// by a remote document (change the local file)",
                Downgrade.check(ssl, config("{\"urls\": [\"tcp://b:1883\", \"tcp://c:1883\"]}")));
        assertEquals("mqtt.url: never from ssl:// to tcp:// by a remote document (change the local file)",
                Downgrade.check(config("{\"urls\": [\"ssl://a:8883\", \"ssl://b:8883\"]}"), config("{\"url\": \"tcp://b:1\"}")));
        assertEquals("mqtt.url: never from ssl:// to no broker by a remote document (change the local file)",
                Downgrade.check(ssl, config("{\"protocol\": \"5\"}")));
    }

    @Test
    void sslToSslListsAndTcpToAnythingPass() throws Exception {
        assertNull(Downgrade.check(config("{\"url\": \"ssl://a:8883\"}"),
                config("{\"urls\": [\"ssl://b:8883\", \"ssl://c:8883\"]}")));
        assertNull(Downgrade.check(config("{\"urls\": [\"tcp://a:1\", \"tcp://b:1\"]}"), config("{\"url\": \"tcp://c:1\"}")));
    }
}
