package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.commons.annotation.Testable;
import org.junit.jupiter.api.Test;

/**
 * The guard against a test the build never runs: Surefire runs {@code *Test} classes and Failsafe {@code *IT}
 * classes (the parent pom and switchboard-war's), so every class with a test method of any JUnit Platform engine ({@code @Test},
 * {@code @TestFactory}, {@code @ParameterizedTest}, anything meta-annotated {@link Testable}) must be named
 * so — or, nested, sit in a class that is.
 */
class TestNamingTest {

    /** Every module's compiled tests: this module is built last, so theirs are there by now. */
    private static JavaClasses allModulesTests() throws IOException {
        List<Path> directories;
        try (Stream<Path> modules = Files.list(Path.of(System.getProperty("reactor.dir", "..")))) {
            directories = modules.map(module -> module.resolve("target/test-classes")).filter(Files::isDirectory).toList();
        }
        assertTrue(directories.size() >= 5, "the test classes of every module with tests: " + directories);
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPaths(directories);
    }

    /** The names of the top-level classes that hold tests but match neither pattern of the build. */
    static List<String> testClassesTheBuildWouldNotRun(JavaClasses classes) {
        return classes.stream()
                .filter(type -> !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(TestNamingTest::hasTests)
                .map(type -> type.getName().replaceFirst("\\$.*", ""))
                .filter(name -> !name.endsWith("Test") && !name.endsWith("IT"))
                .distinct().sorted().toList();
    }

    private static boolean hasTests(JavaClass type) {
        return type.getAllMethods().stream().anyMatch(method -> method.isMetaAnnotatedWith(Testable.class));
    }

    @Test
    void everyClassWithTestsIsNamedSoThatTheBuildRunsIt() throws IOException {
        assertEquals(List.of(), testClassesTheBuildWouldNotRun(allModulesTests()),
                "rename these to *Test (unit, Surefire) or *IT (integration, Failsafe): the build skips them");
    }
}
