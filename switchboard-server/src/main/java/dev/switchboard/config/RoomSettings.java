package dev.switchboard.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which rooms may exist and how full they and their members may get: the built-in room policy's settings.
 * Read once (see {@link Settings}).
 *
 * @param creation whether a first join makes a room, or only configured rooms exist
 * @param configured the rooms that always exist
 * @param namePattern what every other room name must match; {@code null}: any valid name
 * @param maxPerConnection rooms one connection may be in at once
 * @param maxMembers members one room may have, on every node together
 * @param onConnect the rooms every connection is put into when it opens (actionhero's {@code defaultChatRoom})
 * @param onAuth the rooms a connection is put into when it authenticates; {@code {user}} in a name stands for its
 *     user, which makes a personal room ({@code user:{user}}) that no other user may join
 */
public record RoomSettings(Creation creation, List<String> configured, Pattern namePattern, int maxPerConnection, int maxMembers,
        List<String> onConnect, List<String> onAuth) {

    /** What stands for the user in a room of {@link #onAuth}. */
    public static final String USER = "{user}";

    /** How rooms come to exist. */
    public enum Creation {
        /** A room is made by its first join. */
        ON_JOIN,
        /** Only the configured rooms exist. */
        CONFIGURED
    }

    public static final Setting<Creation> ROOMS_CREATE = Setting.choice("switchboard.rooms.create", "onJoin",
            Map.of("onJoin", Creation.ON_JOIN, "configured", Creation.CONFIGURED),
            "onJoin: a room is made by its first join; configured: only the configured rooms exist.");
    public static final Setting<List<String>> ROOMS_CONFIGURED = Setting.list("switchboard.rooms.configured", "",
            "The rooms that always exist, comma-separated (with switchboard.rooms.create=configured, the only ones).");
    public static final Setting<Pattern> ROOMS_NAME_PATTERN = Setting.pattern("switchboard.rooms.namePattern",
            "A regular expression every room name must match; empty: any valid name.");
    public static final Setting<Integer> ROOMS_MAX_PER_CONNECTION = Setting.integer("switchboard.rooms.maxPerConnection", 100, 1, 1_000_000,
            "Rooms one connection may be in at once.");
    public static final Setting<Integer> ROOMS_MAX_MEMBERS = Setting.integer("switchboard.rooms.maxMembers", 100_000, 1, 100_000_000,
            "Members one room may have, on every node together.");

    public static final Setting<List<String>> ROOMS_ON_CONNECT = Setting.list("switchboard.rooms.onConnect", "",
            "The rooms every connection is put into when it opens, comma-separated (actionhero's defaultChatRoom).");
    public static final Setting<List<String>> ROOMS_ON_AUTH = Setting.list("switchboard.rooms.onAuth", "",
            "The rooms a connection is put into when it authenticates; {user} stands for its user: user:{user} is a personal room.");

    static RoomSettings read(Settings settings) {
        return new RoomSettings(settings.get(ROOMS_CREATE), settings.get(ROOMS_CONFIGURED), settings.get(ROOMS_NAME_PATTERN),
                settings.get(ROOMS_MAX_PER_CONNECTION), settings.get(ROOMS_MAX_MEMBERS), settings.get(ROOMS_ON_CONNECT),
                settings.get(ROOMS_ON_AUTH));
    }

    /** The rooms of {@link #onAuth} for this user. */
    public List<String> onAuthFor(String user) {
        return onAuth.stream().map(room -> room.replace(USER, user)).toList();
    }

    /**
     * The user whose personal room this is (a room of {@link #onAuth} with {@code {user}} in it), or {@code null}
     * when it is nobody's.
     */
    public String ownerOf(String room) {
        for (String template : onAuth) {
            int at = template.indexOf(USER);
            if (at < 0) {
                continue;
            }
            String prefix = template.substring(0, at);
            String suffix = template.substring(at + USER.length());
            if (room.length() > prefix.length() + suffix.length() && room.startsWith(prefix) && room.endsWith(suffix)) {
                return room.substring(prefix.length(), room.length() - suffix.length());
            }
        }
        return null;
    }
}
