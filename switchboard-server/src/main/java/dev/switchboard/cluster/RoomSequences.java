package dev.switchboard.cluster;

import dev.switchboard.protocol.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions a node's sequencer consumer gives: per room, an epoch and the next offset in it. Bounded:
 * past {@code maxRooms} the room used longest ago is forgotten, and when it speaks again it starts a new
 * epoch of this node — so that rooms named once and never again (anonymous joins of random names) do not
 * pile up, and an offset is never given twice in one epoch. A client holding a position of a forgotten
 * epoch is told the truth on recovery: the epoch changed. Used by one thread (the sequencer's receiver).
 */
final class RoomSequences {

    /** How messages of rooms are grouped on the broker: rooms hash into this many groups. */
    static final int GROUPS = 1024;

    private record Sequence(String epoch, long offset) {
    }

    private final String node;
    private final Map<String, Sequence> rooms;
    private long generation;
    /**
     * The epoch a room seen for the first time (or again) starts in: this node's id, and a new one after
     * every room that was forgotten — so a forgotten room that comes back never resumes its old epoch.
     */
    private String epoch;

    RoomSequences(String node, int maxRooms) {
        this.node = node;
        this.epoch = node;
        this.rooms = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sequence> eldest) {
                if (size() <= maxRooms) {
                    return false;
                }
                epoch = RoomSequences.this.node + "." + Long.toString(++generation, 36);
                return true;
            }
        };
    }

    /** The position of the room's next message. */
    Position next(String room) {
        Sequence sequence = rooms.get(room);
        Sequence next = sequence == null ? new Sequence(epoch, 1) : new Sequence(sequence.epoch(), sequence.offset() + 1);
        rooms.put(room, next);
        return new Position(next.epoch(), next.offset());
    }

    int size() {
        return rooms.size();
    }

    /**
     * The message group of a room on the broker ({@code JMSXGroupID}): one of {@link #GROUPS}, so that the
     * broker's table of groups stays bounded however many rooms there are; one room is always in one group,
     * so its messages keep one sequencer consumer and one order.
     */
    static String groupOf(String room) {
        return "room-" + groupIndex(room);
    }

    /** The number of the room's message group, from 0 to {@link #GROUPS} - 1. */
    static int groupIndex(String room) {
        return Math.floorMod(room.hashCode(), GROUPS);
    }

    /** The node an epoch or a forwarder's name belongs to: its id, which both start with. */
    static String nodeOf(String epoch) {
        int dot = epoch.indexOf('.');
        return dot < 0 ? epoch : epoch.substring(0, dot);
    }
}
