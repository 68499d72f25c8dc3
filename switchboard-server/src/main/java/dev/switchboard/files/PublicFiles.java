package dev.switchboard.files;

import dev.switchboard.protocol.FileContent;
import dev.switchboard.protocol.FrameCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Files a client may read: from a public directory (when one is configured) and from the WAR's
 * {@code /public/} resources, in that order. A request is a relative path of plain segments:
 * a NUL or other control character, a backslash, a leading {@code /}, a drive letter, an empty segment,
 * {@code .} or {@code ..} make it malformed ({@link MalformedPathException}); nothing is URL-decoded, so
 * {@code %2e%2e} is a name like any other; an unpaired surrogate (no character at all) is malformed too.
 * A symbolic link that resolves outside the directory, a directory, a hidden file or folder (a segment
 * that starts with {@code .}), a name the file system cannot hold (a non-ASCII name under a C/POSIX
 * locale), and a missing file are all "not found". A file over the size cap is {@link TooLargeException}.
 */
public final class PublicFiles {

    /** The WAR's folder of public resources. */
    public static final String WAR_FOLDER = "/public/";
    static final int MAX_PATH = 1024;

    private final Path directory;
    private final Resources war;
    private final Function<String, String> mimeTypes;
    private final int maxBytes;

    /** What the WAR holds: {@code ServletContext} in the server, a map in tests. */
    public interface Resources {
        /** The URL of a resource path ({@code /public/a.txt}), or {@code null}. */
        URL resource(String path) throws IOException;

        /** Whether the path is a folder of the WAR. */
        boolean isFolder(String path);
    }

    /**
     * @param directory the public directory, or {@code null}; must exist when given
     * @param mimeTypes file name → mime type, or {@code null} when unknown
     */
    public PublicFiles(Path directory, Resources war, Function<String, String> mimeTypes, int maxBytes) throws IOException {
        this.directory = directory == null ? null : directory.toRealPath();
        this.war = war;
        this.mimeTypes = mimeTypes;
        this.maxBytes = maxBytes;
    }

    /**
     * The file at a client's path, or empty when there is none to serve.
     *
     * @throws MalformedPathException when the path is not a plain relative path
     * @throws TooLargeException when the file is bigger than the cap
     */
    public Optional<FileContent> read(String path) throws IOException {
        check(path);
        if (hidden(path)) {
            return Optional.empty();
        }
        if (directory != null) {
            Optional<FileContent> file = fromDirectory(path);
            if (file.isPresent()) {
                return file;
            }
        }
        return fromWar(path);
    }

    static void check(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH) {
            throw new MalformedPathException("expected a path of 1 to " + MAX_PATH + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                throw new MalformedPathException("a path may not contain control characters");
            }
            if (c == '\\') {
                throw new MalformedPathException("a path may not contain '\\'; separate folders with '/'");
            }
        }
        if (!FrameCodec.isWholeText(path)) {
            throw new MalformedPathException("a path may not contain an unpaired surrogate");
        }
        if (path.startsWith("/")) {
            throw new MalformedPathException("expected a relative path, got an absolute one");
        }
        if (path.length() >= 2 && path.charAt(1) == ':') {
            throw new MalformedPathException("expected a relative path, got a drive letter");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new MalformedPathException("a path may not contain empty, '.' or '..' segments");
            }
        }
    }

    /** Whether a segment of the path is a dotfile or dot-folder ({@code .env}, {@code .git/config}). */
    private static boolean hidden(String path) {
        return path.startsWith(".") || path.contains("/.");
    }

    private Optional<FileContent> fromDirectory(String path) throws IOException {
        Path target;
        try {
            target = directory.resolve(path).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty(); // a name this file system cannot hold, so no file has it
        }
        if (!target.startsWith(directory) || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path real = target.toRealPath();
        if (!real.startsWith(directory) || !Files.isRegularFile(real)) {
            return Optional.empty();
        }
        long length = Files.size(real);
        if (length > maxBytes) {
            throw new TooLargeException(path, length, maxBytes);
        }
        return Optional.of(content(path, Files.readAllBytes(real), Files.getLastModifiedTime(real).toMillis()));
    }

    private Optional<FileContent> fromWar(String path) throws IOException {
        String resource = WAR_FOLDER + path;
        if (war == null || war.isFolder(resource)) {
            return Optional.empty();
        }
        URL url = war.resource(resource);
        if (url == null) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        long length = connection.getContentLengthLong();
        if (length > maxBytes) {
            throw new TooLargeException(path, length, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = connection.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new TooLargeException(path, bytes.length, maxBytes);
        }
        return Optional.of(content(path, bytes, connection.getLastModified()));
    }

    private FileContent content(String path, byte[] bytes, long lastModified) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String mime = mimeTypes.apply(name);
        if (mime == null) {
            mime = URLConnection.guessContentTypeFromName(name);
        }
        if (mime == null) {
            mime = "application/octet-stream";
        }
        boolean text = mime.startsWith("text/") || mime.contains("json") || mime.contains("javascript")
                || mime.contains("xml");
        String content = text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
        return new FileContent(path, mime, bytes.length, lastModified, text ? "utf-8" : "base64", content);
    }

    /** The request is not a plain relative path. */
    public static final class MalformedPathException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedPathException(String message) {
            super(message);
        }
    }

    /** The file is bigger than the configured cap. */
    public static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String path, long length, int max) {
            super("file '" + path + "' has " + length + " bytes; at most " + max + " are served");
        }
    }
}
