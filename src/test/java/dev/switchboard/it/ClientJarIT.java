package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The {@code client} jar the build attaches holds the protocol and client packages and nothing of the server. */
class ClientJarIT {

    @Test
    void theClientJarHoldsOnlyProtocolAndClientClasses() throws IOException {
        File jar = new File(System.getProperty("switchboard.clientJar", "target/switchboard-client.jar"));
        assertTrue(jar.isFile(), "no client jar at " + jar);
        try (JarFile file = new JarFile(jar)) {
            List<String> classes = file.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).toList();
            assertTrue(classes.contains("dev/switchboard/protocol/FrameCodec.class"), classes.toString());
            List<String> foreign = classes.stream()
                    .filter(name -> !name.startsWith("dev/switchboard/protocol/") && !name.startsWith("dev/switchboard/client/"))
                    .toList();
            assertEquals(List.of(), foreign);
        }
    }
}
