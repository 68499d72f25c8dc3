package dev.switchboard.config;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * @param permissions who may join, say, see presence and read history in rooms whose names match a pattern, first
 *     match first (docs/operations.md, "Room permissions")
 * @param presenceDiffMillis how often a room's {@code join} and {@code leave} events go out as one {@code presenceDiff} to
 *     the connections that asked for diffs
 */
public record RoomSettings(Creation creation, List<String> configured, Pattern namePattern, int maxPerConnection, int maxMembers,
        List<String> onConnect, List<String> onAuth, List<Permission> permissions, int presenceDiffMillis) {

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

    public static final Setting<List<Permission>> ROOMS_PERMISSIONS = new Setting<>("switchboard.rooms.permissions", "[]",
            RoomSettings::permissions,
            "Who may join, say, see presence and read history in rooms matching a pattern: a JSON array of rules, first match wins.",
            false);

    public static final Setting<Integer> ROOMS_PRESENCE_DIFF_MILLIS = Setting.integer("switchboard.rooms.presenceDiffMillis", 100, 10, 10_000,
            "How often a room's join and leave events go out as one presenceDiff frame to the connections that asked for diffs"
                    + " (presence=diff), in milliseconds; a room's other frames send the diff it owes first.");

    static RoomSettings read(Settings settings) {
        return new RoomSettings(settings.get(ROOMS_CREATE), settings.get(ROOMS_CONFIGURED), settings.get(ROOMS_NAME_PATTERN),
                settings.get(ROOMS_MAX_PER_CONNECTION), settings.get(ROOMS_MAX_MEMBERS), settings.get(ROOMS_ON_CONNECT),
                settings.get(ROOMS_ON_AUTH), settings.get(ROOMS_PERMISSIONS), settings.get(ROOMS_PRESENCE_DIFF_MILLIS));
    }

    /**
     * One rule of {@link #ROOMS_PERMISSIONS} as configured: the rooms it is for (a name, {@code *} standing for any
     * characters), and who may do each thing there — {@code null} where the rule does not say (the default applies),
     * else {@code ["anyone"]}, {@code ["authenticated"]}, {@code ["nobody"]} or the roles, any one of which suffices.
     *
     * @param anonymous {@code false}: nothing in these rooms for a connection that has not authenticated
     */
    public record Permission(String rooms, List<String> join, List<String> say, List<String> presence, List<String> history,
            boolean anonymous) {

        /** What a rule may say of whom. */
        public static final Set<String> WHO = Set.of("anyone", "authenticated", "nobody");
        private static final Set<String> KEYS = Set.of("rooms", "join", "say", "presence", "history", "anonymous");
    }

    /** The rules of {@link #ROOMS_PERMISSIONS}, read with JSON-P and checked whole, so that a mistake fails the deployment. */
    private static List<Permission> permissions(String value) throws Setting.Invalid {
        JsonValue parsed;
        try (JsonReader reader = Json.createReader(new StringReader(value))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            throw new Setting.Invalid("a JSON array of rules like [{\"rooms\":\"news-*\",\"say\":[\"editors\"]}] (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof JsonArray rules)) {
            throw new Setting.Invalid("a JSON array of rules, not " + parsed.getValueType());
        }
        List<Permission> permissions = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!(rules.get(i) instanceof JsonObject rule)) {
                throw new Setting.Invalid("rule " + i + ": an object with \"rooms\" and what it allows");
            }
            for (String key : rule.keySet()) {
                if (!Permission.KEYS.contains(key)) {
                    throw new Setting.Invalid("rule " + i + ": no such field '" + key + "' (expected " + new java.util.TreeSet<>(Permission.KEYS) + ")");
                }
            }
            if (!(rule.get("rooms") instanceof JsonString rooms) || rooms.getString().isBlank()) {
                throw new Setting.Invalid("rule " + i + ": \"rooms\", the names it is for (* for any characters)");
            }
            JsonValue anonymous = rule.getOrDefault("anonymous", JsonValue.TRUE);
            if (anonymous != JsonValue.TRUE && anonymous != JsonValue.FALSE) {
                throw new Setting.Invalid("rule " + i + ": \"anonymous\" is true or false");
            }
            permissions.add(new Permission(rooms.getString().strip(), who(rule, "join", i), who(rule, "say", i), who(rule, "presence", i),
                    who(rule, "history", i), anonymous == JsonValue.TRUE));
        }
        return List.copyOf(permissions);
    }

    private static List<String> who(JsonObject rule, String what, int index) throws Setting.Invalid {
        JsonValue value = rule.get(what);
        if (value == null) {
            return null;
        }
        List<String> who = new ArrayList<>();
        if (value instanceof JsonString single) {
            who.add(single.getString().strip());
        } else if (value instanceof JsonArray list) {
            for (JsonValue item : list) {
                if (!(item instanceof JsonString role) || role.getString().isBlank()) {
                    throw new Setting.Invalid("rule " + index + ": \"" + what + "\" lists role names");
                }
                who.add(role.getString().strip());
            }
        } else {
            throw new Setting.Invalid("rule " + index + ": \"" + what + "\" is \"anyone\", \"authenticated\", \"nobody\" or a list of roles");
        }
        if (who.isEmpty() || who.size() > 1 && who.stream().anyMatch(Permission.WHO::contains)) {
            throw new Setting.Invalid("rule " + index + ": \"" + what + "\" is one of " + new java.util.TreeSet<>(Permission.WHO)
                    + " alone, or a list of roles (say \"nobody\" for none)");
        }
        return List.copyOf(who);
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
