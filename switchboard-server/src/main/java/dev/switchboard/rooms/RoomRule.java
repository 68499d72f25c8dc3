package dev.switchboard.rooms;

/**
 * Who may do what in a room: join it, say something there, see who is in it (its {@code join} and {@code leave}
 * events and {@code roomView}), and read its history ({@code history}, and the messages a join with {@code since}
 * would replay). Configured per pattern of room names ({@code switchboard.rooms.permissions}) or given by an
 * application's {@link RoomRules}. The application's own calls (the server API) are never refused by a rule.
 *
 * @param name what a refusal names as the rule that refused (the configured pattern, or the application's name)
 */
public record RoomRule(String name, Access join, Access say, Access presence, Access history) {

    /** Everyone may do everything. */
    public static RoomRule open(String name) {
        return new RoomRule(name, Access.anyone(), Access.anyone(), Access.anyone(), Access.anyone());
    }

    /** Anyone may listen, nobody may say (the faye era's {@code listenToRoom}): only the application publishes here. */
    public static RoomRule receiveOnly(String name) {
        return new RoomRule(name, Access.anyone(), Access.nobody(), Access.anyone(), Access.anyone());
    }

    public RoomRule withJoin(Access access) {
        return new RoomRule(name, access, say, presence, history);
    }

    public RoomRule withSay(Access access) {
        return new RoomRule(name, join, access, presence, history);
    }

    public RoomRule withPresence(Access access) {
        return new RoomRule(name, join, say, access, history);
    }

    public RoomRule withHistory(Access access) {
        return new RoomRule(name, join, say, presence, access);
    }
}
