package dev.switchboard.actions;

/** An action's own refusal or failure: the caller gets {@code ACTION_FAILED} with this message. */
public class ActionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActionFailedException(String message) {
        super(message);
    }
}
