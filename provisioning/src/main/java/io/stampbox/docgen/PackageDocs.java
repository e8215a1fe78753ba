package io.stampbox.docgen;

import io.stampbox.toolkit.Exit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build step (provisioning/pom.xml, {@code prepare-package}): the package's man pages ({@code man/NAME.1.gz},
 * gzip at maximum compression without a time stamp, as lintian wants) and bash completions
 * ({@code completion/NAME}), from the tools' picocli definitions; {@code stampbox-host} (not picocli) from a
 * model of its {@code --help}, which PackageDocsTest holds against the daemon's own output.
 *
 * <p>{@code java io.stampbox.docgen.PackageDocs OUTDIR VERSION}
 */
public final class PackageDocs {

    private PackageDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PackageDocs OUTDIR VERSION");
            System.exit(Exit.USAGE);
        }
        write(Path.of(args[0]), args[1]);
    }

    /** The tools, by the name they are installed under. */
    static Map<String, CommandLine> tools() {
        Map<String, CommandLine> tools = new LinkedHashMap<>();
        tools.put("stampbox-host", host());
        tools.put("stampbox-provision", io.stampbox.provision.Main.commandLine());
        tools.put("stampbox-fleet", io.stampbox.fleetctl.Main.commandLine());
        tools.put("stampbox-ingest", io.stampbox.ingest.Main.commandLine());
        return tools;
    }

    static void write(Path dir, String version) throws IOException {
        Files.createDirectories(dir.resolve("man"));
        Files.createDirectories(dir.resolve("completion"));
        for (Map.Entry<String, CommandLine> tool : tools().entrySet()) {
            String page = ManPage.of(tool.getValue(), version, tool.getKey().equals("stampbox-host") ? HOST_FILES : "");
            Files.write(dir.resolve("man").resolve(tool.getKey() + ".1.gz"), gzip(page.getBytes(StandardCharsets.UTF_8)));
            Files.writeString(dir.resolve("completion").resolve(tool.getKey()), completion(tool.getKey(), tool.getValue()));
        }
    }

    private static final String HOST_FILES = String.join("\n", ".SH FILES", ".TP", ".I /etc/stampbox/config.json",
            "the configuration (stampbox-provision init writes it)", ".TP", ".I /var/lib/stampbox",
            "storage.dir of the packaged configuration: the outbox, kept layers, command ledger", ".TP",
            ".I /run/stampbox/state.json", "the live view for stampbox-provision status", ".SH ENVIRONMENT", ".TP",
            ".B STAMPBOX_LOG_LEVEL", "TRACE, DEBUG, INFO (default), WARN or ERROR", ".TP", ".B STAMPBOX_ALLOW_ROOT",
            "1: as \\-\\-allow\\-root", ".TP", ".B STAMPBOX_JAVA_OPTS", "more JVM options for the launcher");

    /** stampbox-host's command line (app.Main parses it by hand): its --help, as a model. */
    static CommandLine host() {
        CommandSpec spec = CommandSpec.create().name("stampbox-host");
        spec.usageMessage().description("Run a Stampbox counter unit in the foreground until SIGTERM or SIGINT"
                + " (systemd: stampbox.service).", "Scans are recorded durably, signalled on the LEDs and buzzer and"
                + " published over MQTT; see /usr/share/doc/stampbox/README.md. Checks and set-up: stampbox-provision"
                + " check | init. Fleet: stampbox-fleet. Exit 75: a restart was requested (the restart command or a"
                + " setup code); systemd starts the unit again.");
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                .description("the unit's configuration file (/etc/stampbox/config.json in the package)").build());
        spec.addOption(OptionSpec.builder("--allow-root").description("run as root on purpose (or"
                + " STAMPBOX_ALLOW_ROOT=1); files in storage.dir become root's").build());
        spec.addOption(OptionSpec.builder("--version").description("print the version and exit").build());
        spec.addOption(OptionSpec.builder("--help", "-h").description("print the help and exit").build());
        spec.addPositional(PositionalParamSpec.builder().hidden(true).arity("0").build());
        return new CommandLine(spec);
    }

    /** picocli's bash completion, sourced by bash-completion: no #! line (lintian: bash-completion-with-hashbang). */
    static String completion(String name, CommandLine line) {
        String script = AutoComplete.bash(name, line);
        return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
    }

    /** gzip -9 -n: maximum compression (XFL 2), no name, no time stamp, OS Unix. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        int[] trailer = {(int) crc.getValue(), data.length};
        for (int value : trailer) {
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
        }
        return out.toByteArray();
    }
}
