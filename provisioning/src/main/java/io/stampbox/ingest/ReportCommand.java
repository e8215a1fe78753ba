package io.stampbox.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stampbox.toolkit.Exit;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: per unit, seqs stored and acknowledged, gaps, reported-lost ranges, lag; refused messages. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Per unit: last contiguous seq stored, acknowledged through, gaps,"
        + " ranges the unit reported lost, lag; and the refused messages.")
final class ReportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-20s %8s %6s %8s %8s %8s %6s %8s %10s  %s%n";
    private static final int SHOWN_RANGES = 8;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--unit", paramLabel = "ID", description = "only this unit")
    String unit;

    @Option(names = "--json", description = "one JSON document instead of the table")
    boolean json;

    @Override
    public Integer call() {
        List<UnitReport> units;
        ArrayNode rejects = JSON.createArrayNode();
        try (Connection c = db.open()) {
            if (!Schema.exists(c)) {
                spec.commandLine().getErr().println("stampbox-ingest: database " + db.shown()
                        + ": no stampbox_unit table (nothing ingested here yet: start `stampbox-ingest run` first)");
                return Exit.FAILED;
            }
            units = UnitReport.read(c, unit);
            readRejects(c, rejects);
        } catch (SQLException e) {
            spec.commandLine().getErr().println("stampbox-ingest: database " + db.shown() + ": " + Ingestor.oneLine(e));
            if (db.debug) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return Exit.FAILED;
        }
        if (unit != null && units.isEmpty()) {
            spec.commandLine().getErr().println("stampbox-ingest: no unit \"" + Escape.text(unit, 64) + "\" in the database");
            return Exit.FAILED;
        }
        Instant now = Instant.now();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("at", now.toString());
            ArrayNode list = doc.putArray("units");
            units.forEach(u -> list.add(ReportJson.unit(u, now)));
            doc.set("refused", rejects);
            out.println(doc);
            return Exit.OK;
        }
        out.printf(ROW, "UNIT", "EVENTS", "VOIDS", "STORED", "ACKED", "MAX-SEQ", "DUPS", "LAG(s)", "PENDING(s)",
                "GAPS (lost = reported lost by the unit)");
        for (UnitReport u : units) {
            out.printf(ROW, u.deviceId(), u.events(), u.voids(), u.storedThrough(), u.ackedThrough(), u.maxSeq(), u.duplicates(),
                    seconds(u.newestScannedAt(), now), seconds(u.oldestPendingScannedAt(), now), gaps(u));
        }
        if (!rejects.isEmpty()) {
            out.println();
            out.println("refused messages (never stored as events):");
            rejects.forEach(r -> out.printf("  %-20s %-16s %8d  last %s: %s%n", r.path("topicUnit").asText(),
                    r.path("reason").asText(), r.path("count").asLong(), r.path("lastAt").asText(), r.path("lastDetail").asText()));
        }
        return Exit.OK;
    }

    private void readRejects(Connection c, ArrayNode into) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT topic_device, reason, count, last_detail, last_at FROM stampbox_reject"
                + " WHERE (? IS NULL OR topic_device = ?) ORDER BY topic_device, reason")) {
            s.setString(1, unit);
            s.setString(2, unit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ObjectNode n = into.addObject();
                    n.put("topicUnit", r.getString(1));
                    n.put("reason", r.getString(2));
                    n.put("count", r.getLong(3));
                    n.put("lastDetail", r.getString(4));
                    n.put("lastAt", r.getTimestamp(5).toInstant().toString());
                }
            }
        }
    }

    private static String seconds(Instant at, Instant now) {
        return at == null ? "-" : Long.toString(Duration.between(at, now).toSeconds());
    }

    private static String gaps(UnitReport u) {
        if (u.gaps().isEmpty()) {
            return "-";
        }
        String shown = u.gaps().stream().limit(SHOWN_RANGES)
                .map(g -> new SeqRange(g.first(), g.last()) + (g.reportedLost() ? " lost" : ""))
                .collect(Collectors.joining(", "));
        return u.gaps().size() > SHOWN_RANGES ? shown + " (+" + (u.gaps().size() - SHOWN_RANGES) + " more)" : shown;
    }
}
