package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendLoaderTest {

    @Test
    void hidesTheThreadContextProvidersOfTheApplicationAndDelegatesEverythingElseToIt(@TempDir Path classes) throws Exception {
        Path providers = classes.resolve(SendLoader.PROVIDERS);
        Files.createDirectories(providers.getParent());
        Files.writeString(providers, "com.example.SomeContextProvider\n");
        Files.writeString(classes.resolve("hello.txt"), "hello");
        try (URLClassLoader application = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            assertEquals(1, Collections.list(application.getResources(SendLoader.PROVIDERS)).size(), "the application has one");
            SendLoader loader = new SendLoader(application);
            assertEquals(List.of(), Collections.list(loader.getResources(SendLoader.PROVIDERS)));
            assertEquals(1, Collections.list(loader.getResources("hello.txt")).size(), "other resources come from the application");
            assertNotNull(loader.getResource("hello.txt"));
            assertEquals(Connection.class, loader.loadClass(Connection.class.getName()), "the same classes, not copies");
        }
    }

    @Test
    void onlyTyrusSessionsNeedIt() {
        assertFalse(SendLoader.needed(new Object()));
    }
}
