package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each server package's {@code package-info.java} ends with the sentence "Depends on {@code a}, {@code b} and
 * {@code c}." (or "Depends on no other package of Switchboard."): this test reads the sentence and holds the
 * package's classes to it, so the sentence is true and stays so.
 */
class PackageInfoTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/switchboard");
    private static final Pattern SENTENCE = Pattern.compile("<p>Depends on (.*?)\\.\\s*\\n");
    private static final Pattern NAME = Pattern.compile("\\{@code (\\w+)}");
    private static final Set<String> PACKAGES = Set.of("actions", "admin", "api", "cluster", "config", "events", "files", "metrics", "rooms",
            "security", "server", "verbs", "protocol");

    /** What the sentence of this package's {@code package-info.java} allows. */
    static Set<String> allowed(String javadoc) {
        Matcher sentence = SENTENCE.matcher(javadoc.replace("*/", "\n").replaceAll("\\n \\* ?", " "));
        assertTrue(sentence.find(), "no sentence 'Depends on …' in " + javadoc);
        if (sentence.group(1).startsWith("no other package")) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        for (Matcher name = NAME.matcher(sentence.group(1)); name.find(); ) {
            names.add(name.group(1));
        }
        assertFalse(names.isEmpty(), "the sentence names no package: " + sentence.group());
        assertTrue(PACKAGES.containsAll(names), "unknown package in: " + sentence.group());
        return names;
    }

    @Test
    void theSentenceIsReadAsWritten() {
        assertEquals(Set.of("config", "protocol"), allowed("/**\n * Text.\n *\n * <p>Depends on {@code config} and\n * {@code protocol}.\n */"));
        assertEquals(Set.of(), allowed("/**\n * Text.\n *\n * <p>Depends on no other package of Switchboard.\n */"));
    }

    @Test
    void everyServerPackageDependsOnlyOnWhatItsPackageInfoSays() throws IOException {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
        Set<String> checked = new TreeSet<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path folder : packages.filter(Files::isDirectory).toList()) {
                String name = folder.getFileName().toString();
                Path info = folder.resolve("package-info.java");
                assertTrue(Files.isRegularFile(info), "no package-info.java in " + folder);
                Set<String> allowed = allowed(Files.readString(info));
                String[] forbidden = PACKAGES.stream().filter(other -> !other.equals(name) && !allowed.contains(other))
                        .map(other -> "dev.switchboard." + other + "..").toArray(String[]::new);
                EvaluationResult result = noClasses().that().resideInAPackage("dev.switchboard." + name + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                        .because("its package-info.java says: depends on " + allowed).evaluate(classes);
                assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
                checked.add(name);
            }
        }
        assertEquals(PACKAGES.stream().filter(name -> !name.equals("protocol")).collect(Collectors.toCollection(TreeSet::new)), checked);
    }
}
