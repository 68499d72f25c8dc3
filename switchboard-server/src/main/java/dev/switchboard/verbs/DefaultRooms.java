package dev.switchboard.verbs;

import dev.switchboard.rooms.Member;
import dev.switchboard.rooms.RoomName;
import dev.switchboard.rooms.RoomRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The rooms a connection is put into without asking: on connect ({@code switchboard.rooms.onConnect}) and on auth
 * ({@code switchboard.rooms.onAuth}). No policy is asked (the operator chose them); a room that cannot be joined —
 * a name that is no room's, the cluster down — is logged and skipped, and the connection goes on.
 */
public final class DefaultRooms {

    private static final Logger LOG = System.getLogger(DefaultRooms.class.getName());

    private DefaultRooms() {
    }

    /** Puts the member into the room, or says in the log why not. */
    public static void join(RoomRegistry registry, Member member, String room) {
        join(registry, member, room, null);
    }

    /**
     * Puts the member into the room, first replaying what the room said after {@code since} (the position its client
     * last saw there, given with its {@code auth}), so that a client coming back gets what it missed in order.
     */
    public static void join(RoomRegistry registry, Member member, String room, dev.switchboard.protocol.Position since) {
        try {
            registry.join(member, new RoomName(room), since, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Connection {0} could not be put into its default room ''{1}'': {2}", member.id(), room, e.toString());
        }
    }
}
