package io.stampbox.toolkit;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/** What every tool's {@code Main} shares: the picocli set-up and the version line. */
public final class Tools {

    private Tools() {}

    /** A command line for a tool's root command; a parse error exits {@link Exit#USAGE}. */
    public static CommandLine commandLine(Object root) {
        CommandLine line = new CommandLine(root);
        line.setExitCodeExceptionMapper(e -> Exit.USAGE);
        return line;
    }

    /** The jar's version ("dev" when run from classes), after the tool's own name. */
    public static String versionOf(String tool) {
        String version = Tools.class.getPackage().getImplementationVersion();
        return tool + " " + (version == null ? "dev" : version);
    }

    /** {@code stampbox-provision}'s version line. */
    public static final class ProvisionVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionOf("stampbox-provision")};
        }
    }

    /** {@code stampbox-fleet}'s version line. */
    public static final class FleetVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionOf("stampbox-fleet")};
        }
    }

    /** {@code stampbox-responder}'s version line. */
    public static final class ResponderVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {versionOf("stampbox-responder")};
        }
    }
}
