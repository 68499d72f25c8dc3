package dev.switchboard.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The sentence of the line client's {@code package-info.java} — it depends on the client, never on server code — held to its classes. */
class PackageInfoTest {

    @Test
    void theLineClientNeverDependsOnServerCode() {
        JavaClasses cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.cli");
        EvaluationResult result = noClasses().that().resideInAPackage("dev.switchboard.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.switchboard.actions..", "dev.switchboard.admin..", "dev.switchboard.api..",
                        "dev.switchboard.cluster..", "dev.switchboard.config..", "dev.switchboard.events..", "dev.switchboard.files..",
                        "dev.switchboard.metrics..", "dev.switchboard.rooms..", "dev.switchboard.security..", "dev.switchboard.server..",
                        "dev.switchboard.verbs..", "jakarta.enterprise..", "jakarta.servlet..", "jakarta.ejb..", "jakarta.jms..")
                .because("its package-info.java says: depends on switchboard-client, never on server code").evaluate(cli);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }
}
