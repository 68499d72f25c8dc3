package dev.switchboard.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The sentence of the client's {@code package-info.java} — "Depends on {@code switchboard-protocol}, the Jakarta WebSocket
 * client API and JSON-P only" — held to the classes: no server code, no container API, nothing of Tyrus (the application
 * brings the WebSocket implementation).
 */
class PackageInfoTest {

    @Test
    void theClientDependsOnTheProtocolTheWebSocketClientApiAndJsonPOnly() {
        JavaClasses client = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.client");
        EvaluationResult result = classes().that().resideInAPackage("dev.switchboard.client..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.switchboard.client..", "dev.switchboard.protocol..", "java..", "jakarta.websocket..",
                        "jakarta.json..")
                .because("its package-info.java says so").evaluate(client);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }
}
