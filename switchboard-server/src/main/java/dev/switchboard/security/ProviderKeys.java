package dev.switchboard.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.switchboard.config.JwtSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * The signing keys of the identity provider (its JWKS), from where the settings say: a file (read again when it
 * changes), a URL, or the URL the issuer's OpenID Connect discovery document names — found at the first token that
 * needs it, so the provider may start after this node. Keys fetched over HTTP are cached and fetched again when a
 * token names a key that is not known (rate-limited: a provider's key rotation needs no restart, and forged
 * {@code kid}s cannot make this node hammer the provider). Thread-safe.
 */
final class ProviderKeys implements JWKSource<SecurityContext> {

    private static final int TIMEOUT_MILLIS = 3_000;
    private static final int SIZE_LIMIT = 512 * 1024;

    private final JwtSettings settings;
    private final ResourceRetriever http = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT);
    private volatile JWKSource<SecurityContext> fetched;
    private volatile FileKeys file;

    ProviderKeys(JwtSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        if (!settings.jwksFile().isEmpty()) {
            return selector.select(fromFile().keys());
        }
        return source().get(selector, context);
    }

    private JWKSource<SecurityContext> source() throws KeySourceException {
        JWKSource<SecurityContext> current = fetched;
        if (current == null) {
            synchronized (this) {
                if (fetched == null) {
                    fetched = JWKSourceBuilder.create(jwksUrl(), http).build();
                }
                current = fetched;
            }
        }
        return current;
    }

    /** The configured JWKS URL, or the one the issuer's discovery document names. */
    private URL jwksUrl() throws KeySourceException {
        try {
            if (!settings.jwksUrl().isEmpty()) {
                return new URL(settings.jwksUrl());
            }
            String discovery = settings.issuer().replaceFirst("/+$", "") + "/.well-known/openid-configuration";
            JsonObject document;
            try (JsonReader reader = Json.createReader(new StringReader(http.retrieveResource(new URL(discovery)).getContent()))) {
                document = reader.readObject();
            }
            return new URL(document.getString("jwks_uri"));
        } catch (IOException | RuntimeException e) {
            throw new KeySourceException("the identity provider's keys cannot be found (" + e.getMessage() + ")", e);
        }
    }

    private FileKeys fromFile() throws KeySourceException {
        Path path = Path.of(settings.jwksFile());
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            FileKeys current = file;
            if (current == null || current.modified() != modified) {
                current = new FileKeys(JWKSet.load(path.toFile()), modified);
                file = current;
            }
            return current;
        } catch (IOException | ParseException e) {
            throw new KeySourceException("the identity provider's keys cannot be read from " + path + " (" + e.getMessage() + ")", e);
        }
    }

    private record FileKeys(JWKSet keys, long modified) {
    }
}
