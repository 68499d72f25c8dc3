package dev.switchboard.protocol;

/**
 * The one failure type of Switchboard: an error code for the answer, and the close code that follows it
 * (0: the connection stays open). The server's refusals (a call's, a room policy's, the cluster's, a frame
 * that does not decode) and the Java client's failed calls are all of it, so a failure is told — and turned
 * into its reply, its {@code error} event and its close — one way.
 */
public class SwitchboardFailure extends RuntimeException {

    private final ErrorCode code;
    private final int closeCode;

    /** A failure after which the connection stays open. */
    public SwitchboardFailure(ErrorCode code, String message) {
        this(code, message, 0, null);
    }

    /**
     * @param closeCode the close code that follows the answer, 0 when the connection stays open
     * @param cause what went wrong underneath, or {@code null}; a failure without one has no stack trace
     */
    public SwitchboardFailure(ErrorCode code, String message, int closeCode, Throwable cause) {
        this(code, message, closeCode, cause, cause != null);
    }

    /** @param stackTrace whether it records where it was made (a client's failures do, for the application's logs) */
    protected SwitchboardFailure(ErrorCode code, String message, int closeCode, Throwable cause, boolean stackTrace) {
        super(message, cause, stackTrace, stackTrace);
        this.code = code;
        this.closeCode = closeCode;
    }

    public ErrorCode code() {
        return code;
    }

    /** The close code that follows the answer, or 0 when the connection stays open. */
    public int closeCode() {
        return closeCode;
    }

    /** What the caller is told: the code and a message (override it to keep details off the wire). */
    public Failure failure() {
        return new Failure(code, getMessage());
    }
}
