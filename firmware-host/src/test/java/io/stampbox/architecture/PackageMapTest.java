package io.stampbox.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The daemon's package map of ARCHITECTURE.md, enforced: a forbidden import fails the build. Main classes
 * only (test support may reach anywhere).
 */
@AnalyzeClasses(packages = "io.stampbox", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageMapTest {

    private static final String OURS = "io.stampbox..";

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.stampbox.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule configIsTheBottom = noClasses().that().resideInAPackage("io.stampbox.config..")
            .should().dependOnClassesThat(resideInAPackage(OURS).and(resideOutsideOfPackage("io.stampbox.config..")))
            .because("the configuration schema is what every part reads; it reads nothing of ours");

    @ArchTest
    static final ArchRule wireReadsOnlyConfig = noClasses().that().resideInAPackage("io.stampbox.wire..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.stampbox.wire..", "io.stampbox.config..",
                    "java..", "javax..", "com.fasterxml.jackson..", "org.eclipse.paho..")
            .because("the wire contract is shared with the tools: topics, payloads, TLS, masking, connect options");

    @ArchTest
    static final ArchRule leavesStayLeaves = noClasses().that()
            .resideInAnyPackage("io.stampbox.time..", "io.stampbox.health..", "io.stampbox.systemd..",
                    "io.stampbox.logs..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stampbox.app..", "io.stampbox.config..",
                    "io.stampbox.counter..", "io.stampbox.fleet..", "io.stampbox.outbox..",
                    "io.stampbox.scan..",
                    "io.stampbox.setup..", "io.stampbox.signal..", "io.stampbox.totp..", "io.stampbox.uplink..",
                    "io.stampbox.voucher..", "io.stampbox.wire..");

    @ArchTest
    static final ArchRule updatesReadOnlyConfigTimeAndWire = noClasses().that().resideInAPackage("io.stampbox.update..")
            .should().dependOnClassesThat(resideInAPackage(OURS).and(resideOutsideOfPackages("io.stampbox.update..",
                    "io.stampbox.config..", "io.stampbox.time..", "io.stampbox.wire..")))
            .because("software updates look at the unit through UpdatePorts; the fleet agent wires them");

    @ArchTest
    static final ArchRule onlyTheCompositionRootWires = noClasses().that().resideOutsideOfPackage("io.stampbox.app..")
            .should().dependOnClassesThat().resideInAPackage("io.stampbox.app..");

    @ArchTest
    static final ArchRule theCounterKnowsPortsNotAdapters = noClasses().that().resideInAPackage("io.stampbox.counter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stampbox.uplink..", "io.stampbox.fleet..",
                    "io.stampbox.voucher..", "io.stampbox.setup..", "io.stampbox.systemd..")
            .because("the scan pipeline talks to the outbox, the indicator and the redeemer through ports");

    @ArchTest
    static final ArchRule onlyUplinkAndWireTalkToPaho = noClasses().that()
            .resideOutsideOfPackages("io.stampbox.uplink..", "io.stampbox.wire..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..");

    @ArchTest
    static final ArchRule onlyScanTalksToJSerialComm = noClasses().that().resideOutsideOfPackage("io.stampbox.scan..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast..");

    @ArchTest
    static final ArchRule onlySignalTalksToPi4j = noClasses().that().resideOutsideOfPackage("io.stampbox.signal..")
            .should().dependOnClassesThat().resideInAPackage("com.pi4j..");

    @ArchTest
    static final ArchRule onlyOutboxTalksToMapDb = noClasses().that().resideOutsideOfPackage("io.stampbox.outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mapdb..", "org.eclipse.collections..");

    @ArchTest
    static final ArchRule onlyLogsTalksToLogback = noClasses().that().resideOutsideOfPackage("io.stampbox.logs..")
            .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
            .because("the log ring and the level change are the daemon's only ties to its logging backend");
}
