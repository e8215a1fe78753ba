package io.stampbox.provision;

import io.stampbox.config.ConfigException;
import io.stampbox.config.ConfigLoader;
import io.stampbox.config.UnitConfig;
import io.stampbox.counter.SystemClockStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.stampbox.toolkit.Exit;

/** The installer's checklist: each item ✓ or ✗ with its fix. Exit 0 when all pass, 1 otherwise. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check this unit: config, scanner, storage, broker, clock; optionally a live scan and the signals.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "/etc/stampbox/config.json", description = "default: ${DEFAULT-VALUE}")
    Path config;
    @Option(names = "--service-user", defaultValue = "stampbox", description = "the user the service runs as; default: ${DEFAULT-VALUE}")
    String serviceUser;
    @Option(names = "--scan", paramLabel = "SECONDS", defaultValue = "0",
            description = "wait this long for a live test scan (stop the service first); 0 = no test scan")
    int scanSeconds;
    @Option(names = "--walk", description = "play every signal on the LEDs and buzzer, one after another")
    boolean walk;
    @Option(names = "--min-free-mb", defaultValue = "100", description = "free space needed in storage.dir; default: ${DEFAULT-VALUE}")
    long minFreeMb;
    @Option(names = "--broker-timeout", paramLabel = "SECONDS", defaultValue = "5", description = "default: ${DEFAULT-VALUE}")
    int brokerTimeoutSeconds;

    CheckPlan plan() {
        return new CheckPlan(config, serviceUser, scanSeconds, walk, minFreeMb, brokerTimeoutSeconds);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CheckResult> results = run(plan(), Environment.system(), out);
        long failed = results.stream().filter(r -> !r.ok()).count();
        out.println(failed == 0 ? "all " + results.size() + " checks passed"
                : failed + " of " + results.size() + " checks failed");
        return failed == 0 ? Exit.OK : Exit.FAILED;
    }

    /** Runs the checklist, printing each line as soon as it is known. */
    static List<CheckResult> run(CheckPlan plan, Environment env, PrintWriter out) {
        List<CheckResult> results = new ArrayList<>();
        UnitConfig unit;
        try {
            unit = ConfigLoader.load(plan.config());
            report(results, out, CheckResult.pass("config", plan.config() + " is valid"));
        } catch (ConfigException e) {
            report(results, out, CheckResult.fail("config", String.join("; ", e.errors()),
                    "stampbox-provision init --config " + plan.config() + " with the right flags (see init --help)"));
            return results;
        }
        if (unit.scanner().type() == UnitConfig.ScannerType.SERIAL) {
            report(results, out, new PortCheck(unit.scanner(), plan.serviceUser(), env.accounts()).run());
            if (plan.scanSeconds() > 0) {
                report(results, out, new ScanCheck(unit, plan.scanSeconds(), out).run());
            }
        }
        if (unit.feedback().platform() == UnitConfig.Platform.GPIO) {
            report(results, out, new GpioCheck(Path.of("/dev"), plan.serviceUser(), env.accounts()).run());
        }
        report(results, out, new StorageCheck(unit.storage().dir(), plan.minFreeMb()).run());
        report(results, out, new BrokerCheck(unit, plan.brokerTimeoutSeconds(), env.resolver()).run());
        report(results, out, ClockCheck.run(env.clock() != null ? env.clock()
                : new SystemClockStatus(unit.clock().assumeSynced())));
        if (plan.walk()) {
            report(results, out, new SignalWalk(unit.feedback(), env.walkPauseMs()).run(out, env.console()));
        }
        return results;
    }

    private static void report(List<CheckResult> results, PrintWriter out, CheckResult result) {
        results.add(result);
        out.println(result.render());
        out.flush();
    }
}
