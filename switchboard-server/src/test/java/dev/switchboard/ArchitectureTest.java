package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of STYLE.md inside the server, and the protocol's independence (it is on this
 * classpath). The client's is a compile-time fact of its module: no server class or server API there.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    private static void assertHolds(ArchRule rule) {
        EvaluationResult result = rule.evaluate(classes);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }

    @Test
    void protocolDependsOnNoServerCode() {
        assertHolds(noClasses().that().resideInAPackage("dev.switchboard.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.server..", "dev.switchboard.verbs..",
                        "dev.switchboard.rooms..", "dev.switchboard.cluster..", "dev.switchboard.config..",
                        "dev.switchboard.security..", "dev.switchboard.actions..", "dev.switchboard.files..",
                        "dev.switchboard.admin.."));
    }

    @Test
    void protocolUsesNoServerSideJakartaApi() {
        assertHolds(noClasses().that().resideInAPackage("dev.switchboard.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ejb..", "jakarta.jms..", "jakarta.servlet..",
                        "jakarta.websocket.server..", "jakarta.ws.rs.."));
    }

    @Test
    void layersPointOneWay() {
        assertHolds(noClasses().that().resideInAnyPackage("dev.switchboard.rooms..", "dev.switchboard.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.verbs..", "dev.switchboard.server.."));
        assertHolds(noClasses().that().resideInAPackage("dev.switchboard.cluster..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.rooms.."));
        assertHolds(noClasses().that().resideInAPackage("dev.switchboard.verbs..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.server.."));
    }

    @Test
    void metricsDependOnNoOtherPackage() {
        assertHolds(noClasses().that().resideInAPackage("dev.switchboard.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.verbs..", "dev.switchboard.server..",
                        "dev.switchboard.rooms..", "dev.switchboard.cluster..", "dev.switchboard.admin..",
                        "dev.switchboard.security..", "dev.switchboard.protocol.."));
    }

    @Test
    void theExtensionPointsKnowNothingOfTheTransport() {
        assertHolds(noClasses().that().resideInAnyPackage("dev.switchboard.security..", "dev.switchboard.actions..",
                "dev.switchboard.files..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.verbs..", "dev.switchboard.server..",
                        "dev.switchboard.rooms..", "dev.switchboard.cluster..", "dev.switchboard.admin.."));
        assertHolds(noClasses().that().resideInAPackage("dev.switchboard.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.verbs.."));
    }

    @Test
    void nothingDependsOnAdminTheTransportLeastOfAll() {
        assertHolds(noClasses().that().resideOutsideOfPackage("dev.switchboard.admin..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.admin.."));
    }
}
