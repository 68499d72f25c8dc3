package dev.switchboard.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which JSON Web Tokens prove who a connection is, besides the node's own (HMAC with
 * {@code switchboard.auth.tokenSecret}): those of an OpenID Connect provider (Keycloak, Entra ID, …), signed with
 * a key of its JWKS. Read once (see {@link Settings}).
 *
 * @param issuer the provider's issuer ({@code iss} its tokens carry); its discovery document names the JWKS unless
 *     {@code jwksUrl} or {@code jwksFile} does; empty: no provider
 * @param jwksUrl where the provider's keys are ({@code jwks_uri}); empty: from the issuer's discovery document
 * @param jwksFile a JWKS file to take the keys from instead; read again when it changes
 * @param audience what a provider's token must name in {@code aud}; empty: not checked
 * @param algorithms the signature algorithms accepted ({@code none} never is)
 * @param clockSkew how far clocks may disagree when {@code exp}, {@code nbf} and {@code iat} are checked
 * @param userClaims the claims that name the user, the first present wins (MicroProfile JWT's {@code upn}, then …)
 * @param rolesClaim the claim that lists the user's roles (MicroProfile JWT's {@code groups})
 */
public record JwtSettings(String issuer, String jwksUrl, String jwksFile, String audience, Set<String> algorithms, Duration clockSkew,
        List<String> userClaims, String rolesClaim) {

    public static final Setting<String> JWT_ISSUER = Setting.text("switchboard.auth.jwt.issuer", "",
            "The OpenID Connect provider whose tokens are accepted (their iss); its discovery document names its keys; empty: none.");
    public static final Setting<String> JWT_JWKS_URL = Setting.text("switchboard.auth.jwt.jwksUrl", "",
            "Where the provider's signing keys are (its jwks_uri); empty: from the issuer's discovery document.");
    public static final Setting<String> JWT_JWKS_FILE = Setting.text("switchboard.auth.jwt.jwksFile", "",
            "A JWKS file with the provider's signing keys, instead of fetching them; read again when it changes.");
    public static final Setting<String> JWT_AUDIENCE = Setting.text("switchboard.auth.jwt.audience", "",
            "What a provider's token must name in its aud claim; empty: not checked.");
    public static final Setting<Set<String>> JWT_ALGORITHMS = Setting.names("switchboard.auth.jwt.algorithms", "HS256,HS384,HS512,RS256,ES256",
            "The token signature algorithms accepted, comma-separated: HMAC ones with the token secret, RSA and EC ones with the provider's keys.");
    public static final Setting<Integer> JWT_CLOCK_SKEW_SECONDS = Setting.integer("switchboard.auth.jwt.clockSkewSeconds", 60, 0, 3600,
            "How far clocks may disagree when a token's exp, nbf and iat are checked, in seconds.");
    public static final Setting<List<String>> JWT_USER_CLAIMS = Setting.list("switchboard.auth.jwt.userClaims", "upn,preferred_username,sub",
            "The claims that name a token's user, comma-separated: the first one present wins.");
    public static final Setting<String> JWT_ROLES_CLAIM = Setting.text("switchboard.auth.jwt.rolesClaim", "groups",
            "The claim that lists a token's roles (MicroProfile JWT's groups).");

    static JwtSettings read(Settings settings) {
        return new JwtSettings(settings.get(JWT_ISSUER), settings.get(JWT_JWKS_URL), settings.get(JWT_JWKS_FILE), settings.get(JWT_AUDIENCE),
                settings.get(JWT_ALGORITHMS), Duration.ofSeconds(settings.get(JWT_CLOCK_SKEW_SECONDS)), settings.get(JWT_USER_CLAIMS),
                settings.get(JWT_ROLES_CLAIM));
    }

    /** Every setting at its default: the node's own HMAC tokens only. */
    public static JwtSettings defaults() {
        return Settings.of(java.util.Map.of()).jwt();
    }

    /** Whether tokens of an identity provider are accepted (an issuer, or keys of one, are configured). */
    public boolean provider() {
        return !issuer.isEmpty() || !jwksUrl.isEmpty() || !jwksFile.isEmpty();
    }
}
