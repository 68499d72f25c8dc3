/**
 * Deployment settings: every knob Switchboard reads, with its default, read once at deployment from
 * system properties or environment variables and validated there.
 *
 * Also produces the one shared {@code FrameCodec}.
 *
 * <p>Depends on {@code protocol} only; every other server package may depend on it.
 */
package dev.switchboard.config;
