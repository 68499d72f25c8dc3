package dev.switchboard.protocol;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Jakarta WebSocket's decoder of frames: a text frame to a {@link Call}, {@link Reply} or {@link Event} for an
 * endpoint that declares it (the Java client's link). A text that is no frame of v1 is a
 * {@link DecodeException} whose cause is the {@link FrameException} that says why; the container hands it to
 * the endpoint's {@code @OnError}. Made per connection by the container; the {@link FrameCodec} behind it is
 * shared.
 */
public final class FrameDecoder implements Decoder.Text<Frame> {

    @Override
    public Frame decode(String text) throws DecodeException {
        try {
            return FrameCodec.shared().decode(text);
        } catch (FrameException e) {
            throw new DecodeException(text, e.getMessage(), e);
        }
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
