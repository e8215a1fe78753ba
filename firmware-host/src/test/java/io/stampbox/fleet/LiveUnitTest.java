package io.stampbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which running parts a configuration change rebuilds. */
class LiveUnitTest {

    private static final String BASE = """
            {"device": {"id": "u1", "store": "%s"}, "scanner": {"port": "/dev/ttyACM0", "baud": %d},
             "storage": {"dir": "/tmp/x"}, "codes": {"cardPattern": "%s", "cooldownSeconds": %d},
             "mqtt": {"url": "%s"}, "feedback": {"platform": "gpio", "led": {"green": %d}}}""";

    private final List<String> calls = new ArrayList<>();

    private final LiveUnit unit = new LiveUnit() {
        @Override
        public void cooldownChanged(UnitConfig next) {
            calls.add("cooldown");
        }

        @Override
        public void reopenScanner(UnitConfig next) {
            calls.add("scanner");
        }

        @Override
        public void reinitIndicator(UnitConfig next) {
            calls.add("indicator");
        }

        @Override
        public void rebuildCloud(UnitConfig next) {
            calls.add("cloud");
        }
    };

    private static UnitConfig config(String store, int baud, String pattern, int cooldown, String url, int green)
            throws Exception {
        return ConfigLoader.parse(BASE.formatted(store, baud, pattern, cooldown, url, green));
    }

    @Test
    void onlyWhatChangedIsRebuilt() throws Exception {
        UnitConfig base = config("s", 9600, "^A$", 0, "tcp://h:1883", 17);
        LiveUnit.apply(base, config("s2", 9600, "^B$", 0, "tcp://h:1883", 17), unit);
        assertEquals(List.of(), calls, "store and pattern hold from the next scan without a rebuild");
        LiveUnit.apply(base, config("s", 115200, "^A$", 0, "tcp://h:1883", 17), unit);
        assertEquals(List.of("scanner"), calls);
        calls.clear();
        LiveUnit.apply(base, config("s", 9600, "^A$", 60, "tcp://h:1883", 5), unit);
        assertEquals(List.of("cooldown", "indicator"), calls);
        calls.clear();
        LiveUnit.apply(base, config("s", 9600, "^A$", 0, "tcp://other:1883", 17), unit);
        assertEquals(List.of("cloud"), calls);
    }
}
