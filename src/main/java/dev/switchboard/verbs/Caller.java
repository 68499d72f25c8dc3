package dev.switchboard.verbs;

import dev.switchboard.protocol.Details;
import dev.switchboard.rooms.Member;

/** The connection that made a call, as its handler sees it. */
public interface Caller extends Member {

    /** What the server knows of this connection now. */
    Details details();

    /** Queues a frame for this connection and starts sending it. */
    void send(String frame);

    /** Counts a frame received from the client. */
    void received();

    /** Sends what is queued, then closes the connection with this code and reason. */
    void closeAfterQueued(int closeCode, String reason);
}
