package io.stampbox.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ranges a unit reports lost (contract revision 2026-11-30: "seq is never reused ... it reports
 * the lost range"; issue 10: health {@code lostSeqs}, and an event or status field). The exact shape is not
 * fixed yet, so this is tolerant: a {@code lostSeqs} field at the top level or one object deep, holding one
 * or an array of: a number {@code 7}, a pair {@code [5, 9]}, an object {@code {"first": 5, "last": 9}}
 * (also {@code from/to}, {@code start/end}) or a string {@code "5-9"}. Elements it cannot read are skipped.
 */
final class LostSeqs {

    static final String FIELD = "lostSeqs";
    private static final int MAX_RANGES = 1000;
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,18})\\s*(?:(?:-|\\.\\.)\\s*(\\d{1,18})\\s*)?");

    private LostSeqs() {}

    static List<SeqRange> in(JsonNode document) {
        List<SeqRange> out = new ArrayList<>();
        if (document == null || !document.isObject()) {
            return out;
        }
        read(document.get(FIELD), out);
        for (Iterator<JsonNode> it = document.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isObject()) {
                read(child.get(FIELD), out);
            }
        }
        return SeqRange.merge(out);
    }

    private static void read(JsonNode node, List<SeqRange> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray() && !isPair(node)) {
            for (JsonNode element : node) {
                if (out.size() < MAX_RANGES) {
                    add(one(element), out);
                }
            }
        } else {
            add(one(node), out);
        }
    }

    private static void add(SeqRange range, List<SeqRange> out) {
        if (range != null) {
            out.add(range);
        }
    }

    private static boolean isPair(JsonNode node) {
        return node.size() == 2 && node.get(0).isIntegralNumber() && node.get(1).isIntegralNumber();
    }

    private static SeqRange one(JsonNode node) {
        if (node.isIntegralNumber()) {
            return range(node.asLong(), node.asLong());
        }
        if (node.isArray() && isPair(node)) {
            return range(node.get(0).asLong(), node.get(1).asLong());
        }
        if (node.isTextual()) {
            Matcher m = TEXT.matcher(node.asText());
            if (m.matches()) {
                long first = Long.parseLong(m.group(1));
                return range(first, m.group(2) == null ? first : Long.parseLong(m.group(2)));
            }
            return null;
        }
        if (node.isObject()) {
            JsonNode first = pick(node, "first", "from", "start");
            JsonNode last = pick(node, "last", "to", "end");
            if (first != null && first.isIntegralNumber()) {
                long f = first.asLong();
                return range(f, last != null && last.isIntegralNumber() ? last.asLong() : f);
            }
        }
        return null;
    }

    private static JsonNode pick(JsonNode node, String... names) {
        for (String name : names) {
            if (node.has(name)) {
                return node.get(name);
            }
        }
        return null;
    }

    private static SeqRange range(long first, long last) {
        return first >= 1 && last >= first ? new SeqRange(first, last) : null;
    }
}
