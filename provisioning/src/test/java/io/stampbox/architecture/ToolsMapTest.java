package io.stampbox.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tools' side of ARCHITECTURE.md's package map: each tool is its own package, they share the daemon's
 * wire contract and configuration, and none reaches into the daemon's adapters or composition root.
 */
@AnalyzeClasses(packages = {"io.stampbox.provision", "io.stampbox.fleetctl", "io.stampbox.responder",
    "io.stampbox.toolkit", "io.stampbox.ingest", "io.stampbox.docgen"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ToolsMapTest {

    @ArchTest
    static final ArchRule toolsHaveNoCycles = slices().matching("io.stampbox.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule toolsShareTheContractNotTheDaemonsInsides = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.stampbox.app..", "io.stampbox.uplink..",
                    "io.stampbox.fleet..", "io.stampbox.voucher..", "io.stampbox.systemd..", "io.stampbox.health..")
            .because("topics, payloads, TLS, masking and connect options come from io.stampbox.wire");

    @ArchTest
    static final ArchRule theFleetToolAndTheBackendsStayApart = noClasses()
            .that().resideInAnyPackage("io.stampbox.fleetctl..", "io.stampbox.responder..", "io.stampbox.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stampbox.provision..", "io.stampbox.counter..",
                    "io.stampbox.outbox..", "io.stampbox.scan..", "io.stampbox.signal..", "io.stampbox.setup..");

    @ArchTest
    static final ArchRule toolkitIsShared = noClasses().that().resideInAPackage("io.stampbox.toolkit..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stampbox.provision..", "io.stampbox.fleetctl..",
                    "io.stampbox.responder..", "io.stampbox.ingest..");
}
