/**
 * Deployment settings: each declared once, with its default, bounds and meaning, in the group of the feature
 * that reads it ({@code LimitSettings}, {@code AuthSettings}, …: small immutable records the features inject);
 * {@code Settings} reads them all once at deployment — MicroProfile Config, system properties, environment —
 * validates them and logs the effective values. Also produces the one shared {@code FrameCodec}. Every other
 * server package may depend on it.
 *
 * <p>Depends on {@code protocol}.
 */
package dev.switchboard.config;
