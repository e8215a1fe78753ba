package io.stampbox.ingest;

import io.stampbox.toolkit.Tools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code stampbox-ingest}: the reference ingest (a reference and a test tool, not a loyalty backend). It
 * consumes every unit's scan events through an MQTT 5 shared subscription into PostgreSQL, once per
 * {@code eventId}, acknowledges them per unit after the commit, and reports seqs, gaps, lost ranges and lag.
 * Exit 0 when all went well, 1 on a failure (database or broker unreachable), 2 on bad usage.
 */
@Command(name = "stampbox-ingest", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reference ingest: Stampbox scan events from MQTT into PostgreSQL, once per eventId.",
        subcommands = {RunCommand.class, ReportCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return Tools.commandLine(new Main());
    }

    /** {@code stampbox-ingest}'s version line. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Tools.versionOf("stampbox-ingest")};
        }
    }
}
