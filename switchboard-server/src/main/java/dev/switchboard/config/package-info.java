/**
 * Deployment settings: every knob Switchboard reads, with its default, read once at deployment from
 * system properties or environment variables and validated there. Also produces the one shared
 * {@code FrameCodec}. Every other server package may depend on it.
 *
 * <p>Depends on {@code protocol}.
 */
package dev.switchboard.config;
