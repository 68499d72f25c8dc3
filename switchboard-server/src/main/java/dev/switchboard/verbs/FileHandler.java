package dev.switchboard.verbs;

import dev.switchboard.config.FileSettings;
import dev.switchboard.files.PublicFiles;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.FileContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code file {file}}: a file from {@code switchboard.files.directory} or the WAR's {@code /public/}
 * (see {@link PublicFiles} for what is refused). {@code BAD_PARAMS} for a malformed path,
 * {@code NOT_FOUND}, {@code TOO_LARGE} over {@code switchboard.files.maxBytes}.
 */
@ApplicationScoped
@Handles("file")
public class FileHandler implements VerbHandler {

    @Inject
    FileSettings settings;

    private volatile PublicFiles files;

    /**
     * Takes the WAR's {@link ServletContext} when the application starts ({@link FileHandlerStart}): the one
     * CDI injects is a proxy that works only while a request is active, which a WebSocket message is not
     * (seen on WildFly); and Payara does not deliver {@code @Initialized(ApplicationScoped.class)
     * ServletContext} to a bean of a library jar in {@code WEB-INF/lib}.
     */
    void start(ServletContext servletContext) {
        String directory = settings.directory();
        try {
            files = new PublicFiles(directory.isEmpty() ? null : Path.of(directory), new PublicFiles.Resources() {
                @Override
                public URL resource(String path) throws IOException {
                    return servletContext.getResource(path);
                }

                @Override
                public boolean isFolder(String path) {
                    Set<String> children = servletContext.getResourcePaths(path + "/");
                    return children != null && !children.isEmpty();
                }
            }, servletContext::getMimeType, settings.maxBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Setting " + FileSettings.FILES_DIRECTORY.name() + ": cannot use '" + directory
                    + "' (" + e + ")", e);
        }
    }

    @Override
    public FileContent handle(Caller caller, Params params) {
        String path = params.string("file");
        PublicFiles files = this.files;
        if (files == null) {
            throw new CallException(ErrorCode.UNAVAILABLE, "the server is starting; try again");
        }
        try {
            return files.read(path).orElseThrow(() -> new CallException(ErrorCode.NOT_FOUND, "no file '" + path + "'"));
        } catch (PublicFiles.MalformedPathException e) {
            throw new BadParamsException("param 'file': " + e.getMessage());
        } catch (PublicFiles.TooLargeException e) {
            throw new CallException(ErrorCode.TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new CallException(ErrorCode.UNAVAILABLE, "cannot read file '" + path + "' now");
        }
    }
}
