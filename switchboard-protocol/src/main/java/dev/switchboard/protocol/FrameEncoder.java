package dev.switchboard.protocol;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/**
 * Jakarta WebSocket's encoder of frames: what {@code sendObject(frame)} writes on an endpoint that declares it
 * (the Java client's link). Made per connection by the container; the {@link FrameCodec} behind it is shared.
 */
public final class FrameEncoder implements Encoder.Text<Frame> {

    @Override
    public String encode(Frame frame) throws EncodeException {
        try {
            return FrameCodec.shared().encode(frame);
        } catch (RuntimeException e) {
            throw new EncodeException(frame, "could not encode a " + frame.type() + " frame: " + e.getMessage(), e);
        }
    }
}
