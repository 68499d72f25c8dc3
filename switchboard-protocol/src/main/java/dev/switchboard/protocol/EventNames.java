package dev.switchboard.protocol;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of the events a server sends in protocol v1. Besides these, an application may send events of its
 * own names ({@link AppEvent}): any {@link #isApplicationName valid name} that is not reserved.
 */
public final class EventNames {
    public static final String WELCOME = "welcome";
    public static final String SAY = "say";
    public static final String JOIN = "join";
    public static final String LEAVE = "leave";
    public static final String TELL = "tell";
    public static final String ALERT = "alert";
    public static final String END = "end";
    public static final String ERROR = "error";
    /** The connection's token expires soon: send {@code auth} with a fresh one to stay ({@link TokenExpiring}). */
    public static final String TOKEN_EXPIRING = "tokenExpiring";
    /**
     * A room's {@code join} and {@code leave} events of a short period in one frame, for a connection that asked for them
     * so ({@code presence=diff} in its upgrade request's query): data {@code {room, events: [<the join and leave event
     * frames, in their order>]}}.
     */
    public static final String PRESENCE_DIFF = "presenceDiff";

    /**
     * Names an application's event may not take: the protocol's events, and what the clients fire themselves
     * ({@code rejoined}, {@code connected}, {@code closed}, {@code reconnecting}, {@code status}, {@code packet},
     * {@code sent}, {@code spooled}, {@code clientError}).
     */
    public static final Set<String> RESERVED = Set.of(WELCOME, SAY, JOIN, LEAVE, TELL, ALERT, END, ERROR, TOKEN_EXPIRING, PRESENCE_DIFF,
            "rejoined", "connected", "closed", "reconnecting", "status", "packet", "sent", "spooled", "clientError");

    private static final Pattern APPLICATION_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9._:-]{0,63}");

    /**
     * Whether an application may send an event of this name: a letter, then letters, digits, {@code . _ : -}, 64
     * characters at most, and not {@link #RESERVED}.
     */
    public static boolean isApplicationName(String name) {
        return name != null && APPLICATION_NAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    private EventNames() {
    }
}
