package io.stampbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stampbox.config.ConfigLoader;
import io.stampbox.testing.ProcessTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn package} made: its control data and files (dpkg-deb), lintian where it is
 * installed, and the unpacked tree at work: the launcher runs the packaged jars, the unit verifies.
 */
@ProcessTest
class DebPackageIT {

    private static Path deb;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPackage() throws IOException {
        assumeTrue(run(List.of("dpkg-deb", "--version")).exit == 0, "dpkg-deb is not installed");
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(Path.of("target"), "stampbox_*_all.deb")) {
            for (Path candidate : debs) {
                deb = candidate;
            }
        }
        assertTrue(deb != null, "no target/stampbox_*_all.deb: run mvn package first");
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), output);
    }

    private static String field(String name) throws IOException {
        return run(List.of("dpkg-deb", "--field", deb.toString(), name)).output.strip();
    }

    @Test
    void controlDataNamesTheJavaRuntimesAndTheConffile() throws IOException {
        assertEquals("stampbox", field("Package"));
        assertEquals("all", field("Architecture"));
        assertTrue(deb.getFileName().toString().equals("stampbox_" + field("Version") + "_all.deb"), deb.toString());
        assertEquals("adduser, openjdk-17-jre-headless | openjdk-21-jre-headless | openjdk-25-jre-headless"
                + " | java17-runtime-headless", field("Depends"));
        Path control = dir.resolve("control");
        assertEquals(0, run(List.of("dpkg-deb", "--control", deb.toString(), control.toString())).exit);
        assertEquals("/etc/stampbox/config.json", Files.readString(control.resolve("conffiles")).strip());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(control.resolve(script))));
            Result syntax = run(List.of("sh", "-n", control.resolve(script).toString()));
            assertEquals(0, syntax.exit, script + ": " + syntax.output);
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("adduser --quiet --system --group"), "creates the service user");
        assertTrue(postinst.contains("install -d -o stampbox -g stampbox -m 0750 /var/lib/stampbox"));
        assertTrue(Files.readString(control.resolve("postrm")).contains("rm -rf \"$state\""), "purge removes data");
    }

    @Test
    void holdsTheJarsLaunchersUnitRulesAndConfig() throws IOException {
        String listing = run(List.of("dpkg-deb", "--contents", deb.toString())).output;
        List<String> expected = List.of(
                "-rw-r--r-- root/root .* ./usr/share/stampbox/stampbox-host.jar",
                "-rw-r--r-- root/root .* ./usr/share/stampbox/stampbox-provision.jar",
                "-rwxr-xr-x root/root .* ./usr/bin/stampbox-host",
                "-rwxr-xr-x root/root .* ./usr/bin/stampbox-provision",
                "-rwxr-xr-x root/root .* ./usr/bin/stampbox-fleet",
                "-rw-r--r-- root/root .* ./lib/systemd/system/stampbox.service",
                "-rw-r--r-- root/root .* ./lib/systemd/system/stampbox-update.path",
                "-rw-r--r-- root/root .* ./lib/systemd/system/stampbox-update.service",
                "-rwxr-xr-x root/root .* ./usr/lib/stampbox/stampbox-update-helper",
                "-rw-r--r-- root/root .* ./lib/udev/rules.d/99-stampbox-scanner.rules",
                "-rw-r--r-- root/root .* ./lib/udev/rules.d/60-stampbox-gpio.rules",
                "-rw-r--r-- root/root .* ./usr/share/doc/stampbox/examples/passive-buzzer.conf",
                "-rw-r----- root/root .* ./etc/stampbox/config.json",
                "-rw-r--r-- root/root .* ./usr/share/doc/stampbox/copyright");
        List<String> missing = new ArrayList<>();
        for (String line : expected) {
            if (listing.lines().noneMatch(l -> l.matches(line.replace(".*", "\\s+\\d+ \\S+ \\S+")))) {
                missing.add(line);
            }
        }
        assertEquals(List.of(), missing, listing);
    }

    @Test
    void theUnpackedToolRunsFromThePackagedJars() throws Exception {
        Path root = dir.resolve("root");
        assertEquals(0, run(List.of("dpkg-deb", "-x", deb.toString(), root.toString())).exit);
        Path config = dir.resolve("config.json");
        Files.copy(root.resolve("etc/stampbox/config.json"), config);
        Result init = run(List.of(root.resolve("usr/bin/stampbox-provision").toString(), "init", "--config",
                config.toString(), "--group", "", "--device-id", "till-1", "--store", "bakery-7"));
        assertEquals(0, init.exit, init.output);
        assertEquals("till-1", ConfigLoader.load(config).device().id());
    }

    @Test
    void shipsManPagesThatRenderCompletionsAndTheDocsItsPointersName() throws Exception {
        Path root = dir.resolve("root");
        assertEquals(0, run(List.of("dpkg-deb", "-x", deb.toString(), root.toString())).exit);
        for (String tool : List.of("stampbox-host", "stampbox-provision", "stampbox-fleet", "stampbox-ingest")) {
            Path page = root.resolve("usr/share/man/man1/" + tool + ".1.gz");
            byte[] gz = Files.readAllBytes(page);
            assertEquals(2, gz[8], tool + ": gzip -9 (XFL 2), as lintian wants");
            assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], tool + ": no time stamp in the gzip header");
            // groff's warnings (-ww) on stderr fail the page; man -l renders it as a user sees it
            Result lint = run(List.of("sh", "-c", "zcat '" + page + "' | groff -man -Tutf8 -ww -z"));
            assertEquals("", lint.output, tool + ": groff warns");
            Result shown = run(List.of("sh", "-c", "command -v man >/dev/null || exit 77; MANWIDTH=100 man -l '" + page
                    + "' | cat"));
            if (shown.exit != 77) {
                assertEquals(0, shown.exit, shown.output);
                assertTrue(shown.output.contains(tool.toUpperCase() + "(1)"), shown.output);
                assertTrue(shown.output.contains("EXIT STATUS"), shown.output);
            }
            Path completion = root.resolve("usr/share/bash-completion/completions/" + tool);
            Result sourced = run(List.of("bash", "-c", "source '" + completion + "' && complete -p " + tool));
            assertEquals(0, sourced.exit, sourced.output);
        }
        String fleet = run(List.of("sh", "-c", "MANWIDTH=200 man -l " + root.resolve("usr/share/man/man1/stampbox-fleet.1.gz")
                + " 2>/dev/null || zcat " + root.resolve("usr/share/man/man1/stampbox-fleet.1.gz"))).output;
        assertTrue(fleet.contains("stampbox-fleet logs"), "every subcommand has its section: " + fleet);
        // the unit file's Documentation=, the launcher's and check --walk's pointers
        String unit = Files.readString(root.resolve("lib/systemd/system/stampbox.service"));
        assertTrue(unit.contains("Documentation=file:/usr/share/doc/stampbox/README.md"));
        for (String doc : List.of("README.md", "signals.md", "fleet.md", "provisioning.md", "cli.md", "configuration.md")) {
            assertTrue(Files.isRegularFile(root.resolve("usr/share/doc/stampbox/" + doc)), doc);
        }
        String overrides = Files.readString(root.resolve("usr/share/lintian/overrides/stampbox"));
        assertTrue(!overrides.contains("no-manual-page"), overrides);
    }

    @Test
    void lintianFindsNoErrorsOrWarnings() throws IOException {
        assumeTrue(run(List.of("sh", "-c", "command -v lintian")).exit == 0,
                "lintian is not installed (apt-get install lintian): package lint skipped");
        Result lint = run(List.of("lintian", "--allow-root", "--fail-on", "error,warning", deb.toString()));
        assertEquals(0, lint.exit, lint.output);
    }
}
