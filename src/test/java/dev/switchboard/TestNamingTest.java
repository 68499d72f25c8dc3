package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.platform.commons.annotation.Testable;
import org.junit.jupiter.api.Test;

/**
 * The guard against a test the build never runs: Surefire runs {@code *Test} classes and Failsafe {@code *IT}
 * classes (pom.xml), so every class with a test method of any JUnit Platform engine ({@code @Test},
 * {@code @TestFactory}, {@code @ParameterizedTest}, anything meta-annotated {@link Testable}) must be named
 * so — or, nested, sit in a class that is.
 */
class TestNamingTest {

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("dev.switchboard");

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
    void everyClassWithTestsIsNamedSoThatTheBuildRunsIt() {
        assertEquals(List.of(), testClassesTheBuildWouldNotRun(TESTS),
                "rename these to *Test (unit, Surefire) or *IT (integration, Failsafe): the build skips them");
    }
}
