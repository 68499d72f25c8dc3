package dev.switchboard.rooms;

import dev.switchboard.config.RoomSettings;
import dev.switchboard.protocol.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in rules, from the settings: which rooms exist ({@code switchboard.rooms.create}: made by
 * the first join, or only the {@code switchboard.rooms.configured} ones), the name pattern, rooms per
 * connection and members per room, and that a personal room ({@code {user}} in {@code switchboard.rooms.onAuth})
 * is its user's alone. Runs before application policies.
 */
@ApplicationScoped
@Priority(100)
public class ConfiguredRoomPolicy implements RoomPolicy {

    private boolean onlyConfigured;
    private Set<String> configured;
    private Pattern namePattern;
    private int roomsPerConnection;
    private int membersPerRoom;
    private RoomSettings settings;

    /** For the container's proxy. */
    protected ConfiguredRoomPolicy() {
    }

    @Inject
    public ConfiguredRoomPolicy(RoomSettings settings) {
        this.onlyConfigured = settings.creation() == RoomSettings.Creation.CONFIGURED;
        this.configured = Set.copyOf(settings.configured());
        this.namePattern = settings.namePattern();
        this.roomsPerConnection = settings.maxPerConnection();
        this.membersPerRoom = settings.maxMembers();
        this.settings = settings;
    }

    @Override
    public void join(JoinRequest request) {
        String room = request.room().value();
        String owner = settings.ownerOf(room);
        if (owner != null && !owner.equals(request.member().user())) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "room '" + room + "' is " + owner + "'s own");
        }
        if (onlyConfigured && !configured.contains(room)) {
            throw new PolicyRefusal(ErrorCode.NOT_FOUND, "no room '" + room + "': rooms are made by configuration here");
        }
        if (namePattern != null && !configured.contains(room) && !namePattern.matcher(room).matches()) {
            throw new PolicyRefusal(ErrorCode.BAD_PARAMS, "room name '" + room + "' does not match " + namePattern.pattern());
        }
        if (request.roomsOfMember() >= roomsPerConnection) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "a connection may be in at most " + roomsPerConnection + " rooms");
        }
        if (request.membersCount() >= membersPerRoom) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "room '" + room + "' is full (" + membersPerRoom + " members)");
        }
    }
}
