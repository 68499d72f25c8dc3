package dev.switchboard.verbs;

import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.protocol.HistoryView;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomPermissions;
import dev.switchboard.rooms.RegistryInstance;
import dev.switchboard.rooms.RoomRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * {@code history {room, limit?}}: the room's recent messages on this node (default 50, at most 1000),
 * oldest first, each the data of its {@code say} event with its position. Members only, like
 * {@code roomView}, and those the room's rule lets read it ({@link RoomPermissions}).
 */
@Dependent
@AnswersAtOnce(unlessRoomCode = true)
@Handles("history")
public class HistoryHandler implements VerbHandler {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final RegistryInstance registry;
    private final FrameCodec codec;
    private final RoomPermissions permissions;

    @Inject
    public HistoryHandler(RoomRegistry registry, FrameCodec codec, RoomPermissions permissions) {
        this.registry = new RegistryInstance(registry);
        this.codec = codec;
        this.permissions = permissions;
    }

    @Override
    public HistoryView handle(Caller caller, Params params) {
        RoomName room = params.room();
        int limit = params.optionalInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        permissions.checkHistory(caller, room);
        if (!caller.isIn(room)) {
            throw new NotInRoomException(room);
        }
        List<JsonObject> messages = registry.get().history(room, limit).stream()
                .map(frame -> ((JsonObject) codec.parse(frame)).getJsonObject("data")).toList();
        return new HistoryView(room.value(), messages);
    }
}
