package dev.switchboard.protocol;

/**
 * A text that is not a well-formed frame ({@code BAD_FRAME}). Carries the call id when it could still be read,
 * so that the server can answer with a {@code BAD_FRAME} reply instead of an {@code error} event.
 */
public final class FrameException extends SwitchboardFailure {

    private final Object id;

    public FrameException(String message, Object id) {
        super(ErrorCode.BAD_FRAME, message);
        this.id = id;
    }

    /** The id of the call (a {@link Long} or a {@link String}), or {@code null} when none could be read. */
    public Object id() {
        return id;
    }
}
