package dev.switchboard.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.switchboard.config.JwtSettings;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies JSON Web Tokens (compact JWS, through Nimbus JOSE+JWT) and reads who they prove. Two kinds, told apart by
 * the algorithm the token names, each with its own keys — so no token can borrow the other kind's key (no HMAC
 * "signed" with a provider's public key):
 * <ul>
 *   <li>HMAC ({@code HS256/384/512}): signed with this node's secret — the node's own tokens, or an application's
 *       that shares the secret; {@code exp} required;
 *   <li>RSA or EC ({@code RS256}, {@code ES256}, …): signed with a key of the identity provider's JWKS
 *       ({@link ProviderKeys}); {@code exp} required, {@code iss} and {@code aud} checked when configured.
 * </ul>
 * Only algorithms of the allow-list pass; an unsigned token ({@code alg: none}) never does. {@code exp}, {@code nbf}
 * and {@code iat} are checked with the configured clock skew. The user is the first of the configured claims present
 * (MicroProfile JWT's {@code upn}, then {@code preferred_username}, {@code sub}), the roles the configured claim
 * ({@code groups}). Every refusal is a {@link BadCredentialsException} whose message says why. Thread-safe.
 */
public final class JwtVerifier {

    private static final Logger LOG = System.getLogger(JwtVerifier.class.getName());
    private static final long WARN_EVERY_MILLIS = 60_000;

    private final Set<JWSAlgorithm> allowed;
    private final DefaultJWTProcessor<SecurityContext> hmac;
    private final DefaultJWTProcessor<SecurityContext> provider;
    private final JwtSettings settings;
    private final Clock clock;
    private volatile long lastWarned = Long.MIN_VALUE / 2;

    /**
     * @param secret the HMAC key of this node's tokens, or {@code null}: no HMAC tokens
     * @param keys the identity provider's keys, or {@code null}: no provider
     */
    JwtVerifier(byte[] secret, JWKSource<SecurityContext> keys, JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.allowed = settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        Set<JWSAlgorithm> hmacAlgorithms = only(JWSAlgorithm.Family.HMAC_SHA);
        Set<JWSAlgorithm> signatureAlgorithms = new HashSet<>(only(JWSAlgorithm.Family.RSA));
        signatureAlgorithms.addAll(only(JWSAlgorithm.Family.EC));
        this.hmac = secret == null || hmacAlgorithms.isEmpty() ? null
                : processor(new JWSVerificationKeySelector<>(hmacAlgorithms, new ImmutableSecret<>(secret)), null, null, settings, clock);
        this.provider = keys == null || signatureAlgorithms.isEmpty() ? null
                : processor(new JWSVerificationKeySelector<>(signatureAlgorithms, keys), blankToNull(settings.issuer()),
                        blankToNull(settings.audience()), settings, clock);
    }

    /**
     * The identity a token proves.
     *
     * @throws BadCredentialsException when it is malformed, unsigned, signed with an algorithm or a key not accepted
     *     here, expired or not valid yet, of another issuer or audience, or names no user
     */
    public Identity verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new BadCredentialsException("malformed token");
        }
        if (jwt instanceof PlainJWT) {
            throw new BadCredentialsException("unsigned tokens (alg none) are not accepted");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw new BadCredentialsException("encrypted tokens are not accepted: sign them (JWS)");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!allowed.contains(algorithm)) {
            throw new BadCredentialsException("token algorithm " + algorithm + " is not accepted here (" + settings.algorithms() + ")");
        }
        DefaultJWTProcessor<SecurityContext> processor = JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) ? hmac : provider;
        if (processor == null) {
            throw new BadCredentialsException(JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)
                    ? "no token secret is set for " + algorithm + " tokens" : "no identity provider is set for " + algorithm + " tokens");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException e) {
            throw new BadCredentialsException(reason(e));
        } catch (KeySourceException e) {
            unreachable(e);
            throw new BadCredentialsException("the identity provider's keys are not available: try again later");
        } catch (JOSEException e) {
            throw new BadCredentialsException("token cannot be verified: " + e.getMessage());
        }
        return identity(claims);
    }

    private Identity identity(JWTClaimsSet claims) {
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(clock.instant().plus(settings.clockSkew()))) {
            throw new BadCredentialsException("token issued in the future (iat)");
        }
        String user = null;
        for (String claim : settings.userClaims()) {
            if (claims.getClaim(claim) instanceof String value && !value.isBlank()) {
                user = value;
                break;
            }
        }
        if (user == null) {
            throw new BadCredentialsException("token names no user: none of the claims " + settings.userClaims());
        }
        Set<String> roles = new HashSet<>();
        Object listed = claims.getClaim(settings.rolesClaim());
        if (listed instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
        } else if (listed instanceof String single) {
            roles.add(single);
        }
        try {
            // a token that does not say when it was issued may be as old as any: a revocation of its user's tokens covers it
            return new Identity(user, roles, claims.getJWTID(), issued == null ? Instant.EPOCH : issued.toInstant(),
                    claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant());
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("malformed token");
        }
    }

    /** What the caller is told: the library's words, said the project's way where they are known. */
    /** The operators' problem, not the client's: the log says it, at most once a minute; the client learns no URL. */
    private void unreachable(KeySourceException e) {
        long now = clock.millis();
        if (now - lastWarned >= WARN_EVERY_MILLIS) {
            lastWarned = now;
            LOG.log(Level.WARNING, "Tokens of the identity provider are refused until its keys can be read: " + e.getMessage());
        }
    }

    private static String reason(BadJOSEException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof BadJWTException) {
            if (message.startsWith("Expired JWT")) {
                return "token expired";
            }
            if (message.startsWith("JWT before use time")) {
                return "token not valid yet";
            }
            if (message.contains(" aud ") || message.contains("audience")) { // Nimbus' words change between versions
                return "token audience not accepted (" + message + ")";
            }
            if (message.contains(" iss ")) {
                return "token issuer not accepted (" + message + ")";
            }
            return "token refused: " + message;
        }
        if (e instanceof BadJWSException || message.contains("no matching key")) {
            return "token signature does not match";
        }
        return "token refused: " + message;
    }

    private Set<JWSAlgorithm> only(JWSAlgorithm.Family family) {
        return allowed.stream().filter(family::contains).collect(Collectors.toUnmodifiableSet());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWSVerificationKeySelector<SecurityContext> keys, String issuer,
            String audience, JwtSettings settings, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keys);
        JWTClaimsSet exact = issuer == null ? null : new JWTClaimsSet.Builder().issuer(issuer).build();
        // mutable sets: Nimbus 10.4 asks them contains(null), which Set.of answers with a NullPointerException
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience == null ? null : new HashSet<>(Set.of(audience)),
                exact, new HashSet<>(Set.of("exp")), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }
}
