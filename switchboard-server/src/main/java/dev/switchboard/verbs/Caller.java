package dev.switchboard.verbs;

import dev.switchboard.protocol.Details;
import dev.switchboard.rooms.Member;
import dev.switchboard.security.Identity;
import java.security.Principal;
import java.util.Set;

/** The connection that made a call, as its handler sees it. */
public interface Caller extends Member {

    /** What the server knows of this connection now. */
    Details details();

    /** Queues a frame for this connection and starts sending it. */
    void send(String frame);

    /** Counts a frame received from the client (any frame shows the client is alive). */
    void received();

    /**
     * Whether the binary frame just received is within the connection's rate for them (text frames are
     * admitted by the connection's {@link InboundReader}, before they are parsed).
     */
    default Admission admitFrame() {
        return Admission.ADMIT;
    }

    /** The rate limit's answer for one inbound frame. */
    enum Admission {
        /** Within the rate. */
        ADMIT,
        /** Over it: answer {@code RATE_LIMITED}. */
        REFUSE,
        /** Over it for too long: answer, then close with 1008. */
        CLOSE
    }

    /**
     * Queues the reply to a call: after the replies of earlier calls that are still running (an
     * action), so that replies leave in the order the calls came.
     */
    void reply(String frame);

    /** Holds the place of the reply to a call that completes later; fill it with {@link ReplySlot#fill}. */
    ReplySlot reserveReply();

    /** The roles of the authenticated user; empty while anonymous. */
    Set<String> roles();

    /** From now on the connection is this user. */
    void authenticate(Identity identity);

    /** Counts a failed {@code auth} call; returns how many failed so far. */
    int authFailed();

    /** The container's login of the upgrade request, or {@code null}. */
    Principal principal();

    /** The container roles of that login (among the configured token roles). */
    Set<String> principalRoles();

    /** Starts an action if fewer than {@code max} are running; false when the limit is reached. */
    boolean startAction(int max);

    /** An action started with {@link #startAction} ended. */
    void actionEnded();

    /** The place of a reply that comes later. */
    interface ReplySlot {
        void fill(String frame);
    }
}
