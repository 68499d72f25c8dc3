package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md: the client jar stays free of server code, and layers point one way. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    @Test
    void protocolAndClientDependOnNoServerCode() {
        noClasses().that().resideInAnyPackage("dev.switchboard.protocol..", "dev.switchboard.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.server..", "dev.switchboard.verbs..",
                        "dev.switchboard.rooms..", "dev.switchboard.cluster..", "dev.switchboard.config..")
                .check(classes);
    }

    @Test
    void protocolAndClientUseNoServerSideJakartaApi() {
        noClasses().that().resideInAnyPackage("dev.switchboard.protocol..", "dev.switchboard.client..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ejb..", "jakarta.jms..", "jakarta.servlet..",
                        "jakarta.websocket.server..", "jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void protocolDependsOnNothingOfSwitchboard() {
        noClasses().that().resideInAPackage("dev.switchboard.protocol..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.client..")
                .check(classes);
    }

    @Test
    void layersPointOneWay() {
        noClasses().that().resideInAnyPackage("dev.switchboard.rooms..", "dev.switchboard.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.verbs..", "dev.switchboard.server..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.switchboard.cluster..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.rooms..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.switchboard.verbs..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.server..")
                .check(classes);
    }
}
