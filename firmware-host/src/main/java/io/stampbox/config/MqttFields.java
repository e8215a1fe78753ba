package io.stampbox.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The broker keys of section 2: {@code mqtt.url} or {@code mqtt.urls} (an ordered list: the unit tries
 * them in turn, see docs/uplink.md), {@code mqtt.preset} and the publish limits {@code mqtt.rate.*}.
 */
final class MqttFields {

    /** More brokers than this in one list is a mistake, not a cluster. */
    static final int MAX_URLS = 8;
    static final int MAX_RATE = 1_000_000;

    private MqttFields() {}

    /** The broker URLs in order, empty when none is set (the unit runs offline). */
    static List<String> urls(ConfigFields f) {
        boolean single = f.present("mqtt.url");
        boolean list = f.present("mqtt.urls");
        if (single && list) {
            f.error("mqtt.urls", "set either mqtt.url or mqtt.urls, not both");
            return List.of();
        }
        if (single) {
            String url = f.string("mqtt.url", null, false);
            String problem = url == null ? null : urlProblem(url);
            if (problem != null) {
                f.error("mqtt.url", problem + ", got " + ConfigFields.quote(withoutUserInfo(url)));
            }
            return url == null || problem != null ? List.of() : List.of(url);
        }
        return list ? list(f, f.node("mqtt.urls")) : List.of();
    }

    private static List<String> list(ConfigFields f, JsonNode node) {
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_URLS) {
            f.error("mqtt.urls", "must be a list of 1 to " + MAX_URLS + " broker URLs, got "
                    + Printable.escape(node.toString(), 80));
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        Set<String> schemes = new HashSet<>();
        int before = f.errors().size();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String key = "mqtt.urls[" + i + "]";
            if (!item.isTextual() || item.textValue().length() > ConfigFields.MAX_STRING) {
                f.error(key, "must be a string of at most " + ConfigFields.MAX_STRING + " characters, got "
                        + Printable.escape(item.toString(), 80));
                continue;
            }
            String url = item.textValue();
            String problem = urlProblem(url);
            if (problem != null) {
                f.error(key, problem + ", got " + ConfigFields.quote(withoutUserInfo(url)));
            } else if (urls.contains(url)) {
                f.error(key, "listed twice, got " + ConfigFields.quote(url));
            } else {
                urls.add(url);
                schemes.add(url.substring(0, 3));
            }
        }
        if (schemes.size() > 1) {
            f.error("mqtt.urls", "mixes tcp:// and ssl://: every broker of the list must use the same scheme");
        }
        return f.errors().size() == before ? urls : List.of();
    }

    /** {@code mqtt.preset} and {@code mqtt.rate.*}: explicit keys override the preset's values. */
    static UnitConfig.Limits limits(ConfigFields f) {
        String preset = f.matching("mqtt.preset", "none", false, java.util.regex.Pattern.compile("none|aws-iot"),
                "\"none\" or \"aws-iot\"");
        UnitConfig.Limits base = "aws-iot".equals(preset) ? UnitConfig.Limits.AWS_IOT : UnitConfig.Limits.DEFAULT;
        int perSecond = (int) f.integer("mqtt.rate.perSecond", base.perSecond(), 0, MAX_RATE);
        // without a preset a set rate brings its own burst (a tenth of a second's worth); a preset keeps its burst
        int burstDefault = base == UnitConfig.Limits.DEFAULT && f.present("mqtt.rate.perSecond")
                ? Math.max(1, perSecond / 10) : base.burst();
        int burst = (int) f.integer("mqtt.rate.burst", burstDefault, 1, MAX_RATE);
        if (perSecond == 0 && f.present("mqtt.rate.burst")) {
            f.error("mqtt.rate.burst", "needs a cap: mqtt.rate.perSecond is 0 (no cap)");
        }
        return new UnitConfig.Limits(preset, perSecond, burst, base.maxPacketBytes());
    }

    /** The URL with any {@code user:password@} part replaced, so a message never shows a password. */
    static String withoutUserInfo(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    /** Why an MQTT URL is unusable, or null when it is fine. */
    static String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
                return "must be tcp://host:port or ssl://host:port";
            }
            if (uri.getRawUserInfo() != null) {
                return "must not carry a user name or password (set mqtt.username and mqtt.password)";
            }
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
                return "must name a host and a port (1..65535)";
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
                return "must be tcp://host:port or ssl://host:port without a path";
            }
            return null;
        } catch (URISyntaxException e) {
            return "not a valid URL (" + e.getReason() + ")";
        }
    }
}
