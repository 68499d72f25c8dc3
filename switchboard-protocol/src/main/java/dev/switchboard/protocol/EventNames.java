package dev.switchboard.protocol;

/** The names of the events a server sends in protocol v1. */
public final class EventNames {
    public static final String WELCOME = "welcome";
    public static final String SAY = "say";
    public static final String JOIN = "join";
    public static final String LEAVE = "leave";
    public static final String TELL = "tell";
    public static final String ALERT = "alert";
    public static final String END = "end";
    public static final String ERROR = "error";

    private EventNames() {
    }
}
