package dev.switchboard.client;

/** Where a {@link SwitchboardClient} is in its life. */
public enum Status {
    /** Built, not booted. */
    IDLE,
    /** Connecting, or connected and replaying auth and rooms; calls are spooled. */
    CONNECTING,
    /** Connected, authenticated and back in its rooms; calls are sent at once. */
    CONNECTED,
    /** {@link SwitchboardClient#close()} was called; the socket is closing. */
    CLOSING,
    /** Closed on purpose (by the application, or the server said not to come back). Final. */
    CLOSED,
    /** Gave up: reconnect attempts exhausted, or re-authentication refused. Final. */
    ABORTED
}
