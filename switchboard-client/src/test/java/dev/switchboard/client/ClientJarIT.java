package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The jar the build makes holds the client package alone, and names its module for the module path. */
class ClientJarIT {

    @Test
    void theClientJarHoldsOnlyClientClassesAndNamesItsModule() throws IOException {
        File jar = new File(System.getProperty("switchboard.clientJar"));
        assertTrue(jar.isFile(), "no client jar at " + jar);
        try (JarFile file = new JarFile(jar)) {
            List<String> classes = file.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).toList();
            assertTrue(classes.contains("dev/switchboard/client/SwitchboardClient.class"), classes.toString());
            assertEquals(List.of(), classes.stream().filter(name -> !name.startsWith("dev/switchboard/client/")).toList());
            assertEquals("dev.switchboard.client", file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }
}
