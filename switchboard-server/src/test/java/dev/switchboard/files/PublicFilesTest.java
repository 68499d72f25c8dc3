package dev.switchboard.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.FileContent;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicFilesTest {

    @TempDir
    Path root;

    private Path pub;
    private PublicFiles files;

    @BeforeEach
    void files() throws IOException {
        pub = Files.createDirectories(root.resolve("public"));
        Files.writeString(pub.resolve("note.txt"), "a note", StandardCharsets.UTF_8);
        Files.write(pub.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.createDirectories(pub.resolve("sub"));
        Files.writeString(pub.resolve("sub/deep.json"), "{}", StandardCharsets.UTF_8);
        Files.writeString(pub.resolve("big.txt"), "x".repeat(101), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("secret.txt"), "the secret", StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("private"));
        Files.writeString(root.resolve("private/inner.txt"), "private", StandardCharsets.UTF_8);
        Files.createSymbolicLink(pub.resolve("escape.txt"), root.resolve("secret.txt"));
        Files.createSymbolicLink(pub.resolve("escape-dir"), root.resolve("private"));
        Files.createSymbolicLink(pub.resolve("inside.txt"), pub.resolve("note.txt"));
        Files.writeString(pub.resolve(".env"), "TOKEN=secret", StandardCharsets.UTF_8);
        Files.createDirectories(pub.resolve(".git"));
        Files.writeString(pub.resolve(".git/config"), "[core]", StandardCharsets.UTF_8);
        Files.writeString(pub.resolve("sub/.hidden"), "hidden", StandardCharsets.UTF_8);
        files = new PublicFiles(pub, war(), name -> name.endsWith(".txt") ? "text/plain" : null, 100);
    }

    private static PublicFiles.Resources war() {
        return new PublicFiles.Resources() {
            @Override
            public URL resource(String path) throws IOException {
                return path.equals("/public/hello.txt") ? PublicFilesTest.class.getResource("PublicFilesTest.class") : null;
            }

            @Override
            public boolean isFolder(String path) {
                return path.equals("/public/folder");
            }
        };
    }

    @Test
    void servesTextAsTextAndAnythingElseAsBase64() throws IOException {
        FileContent note = files.read("note.txt").orElseThrow();
        assertEquals("a note", note.content());
        assertEquals("text/plain", note.mime());
        assertEquals("utf-8", note.encoding());
        assertEquals(6, note.length());
        assertTrue(note.lastModified() > 0);
        FileContent image = files.read("image.png").orElseThrow();
        assertEquals("image/png", image.mime());
        assertEquals("base64", image.encoding());
        assertEquals(4, Base64.getDecoder().decode(image.content()).length);
        assertEquals("{}", files.read("sub/deep.json").orElseThrow().content());
        assertEquals("a note", files.read("inside.txt").orElseThrow().content(), "a link that stays inside is served");
    }

    @Test
    void aTraversalCorpusIsRefusedAndNothingOutsideIsEverRead() throws IOException {
        List<String> malformed = List.of("../secret.txt", "sub/../../secret.txt", "./note.txt", "/etc/passwd",
                "/" + root.resolve("secret.txt"), "..\\secret.txt", "sub\\..\\..\\secret.txt", "C:/secret.txt",
                "c:secret.txt", "note.txt\u0000.png", "note.txt\n", "sub//deep.json", "sub/", "", "..", ".",
                "x".repeat(1025), "note\ud83d.txt", "\udfffnote.txt", "sub/\ud800");
        for (String path : malformed) {
            assertThrows(PublicFiles.MalformedPathException.class, () -> files.read(path), path);
        }
        List<String> notFound = List.of("%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "..%2fsecret.txt", "%252e%252e/secret.txt",
                "escape.txt", "escape-dir/inner.txt", "sub", "missing.txt", "folder", "secret.txt", "private/inner.txt",
                ".env", ".git/config", "sub/.hidden", "caf\u00e9-\ud83d\ude00.txt");
        for (String path : notFound) {
            assertEquals(Optional.empty(), files.read(path), path);
        }
    }

    @Test
    void aFileOverTheCapIsTooLarge() {
        assertThrows(PublicFiles.TooLargeException.class, () -> files.read("big.txt"));
    }

    @Test
    void theWarsPublicFolderServesWhatTheDirectoryDoesNotHave() throws IOException {
        PublicFiles warOnly = new PublicFiles(null, war(), name -> null, 100_000);
        assertTrue(warOnly.read("hello.txt").orElseThrow().length() > 0);
        assertEquals(Optional.empty(), warOnly.read("note.txt"));
    }

    /** Reads a file whose name the C locale cannot hold, then a plain one; prints what each gave. */
    public static final class InTheCLocale {
        public static void main(String[] args) throws IOException {
            PublicFiles files = new PublicFiles(Path.of(args[0]), null, name -> null, 100);
            System.out.println(files.read("caf\u00e9.txt").isPresent() + " " + files.read("note.txt").isPresent());
        }
    }

    @Test
    void aNameTheFileSystemCannotHoldIsNotFoundUnderTheCLocale() throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InTheCLocale.class.getName(), pub.toString())
                .redirectErrorStream(true);
        child.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
        child.environment().put("LC_ALL", "C");
        Process reader = child.start(); // it stops by itself after two reads
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(reader.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child JVM ends by itself");
        assertEquals("false true", output, "in the C locale a non-ASCII name is not found, and plain names still are");
    }
}
