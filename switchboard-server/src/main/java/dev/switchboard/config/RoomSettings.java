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
 */
public record RoomSettings(Creation creation, List<String> configured, Pattern namePattern, int maxPerConnection, int maxMembers) {

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

    static RoomSettings read(Settings settings) {
        return new RoomSettings(settings.get(ROOMS_CREATE), settings.get(ROOMS_CONFIGURED), settings.get(ROOMS_NAME_PATTERN),
                settings.get(ROOMS_MAX_PER_CONNECTION), settings.get(ROOMS_MAX_MEMBERS));
    }
}
