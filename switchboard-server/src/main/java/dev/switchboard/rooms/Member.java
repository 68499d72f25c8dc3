package dev.switchboard.rooms;

import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What the registry needs of a connection that joins rooms: who it is, and a queue to put frames in.
 * Fan-out {@link #offer offers} a frame to every member while it holds the room's lock, then
 * {@link #flush flushes} them after releasing it, so that no socket write happens under the lock.
 */
public interface Member {

    /** The connection id. */
    String id();

    /** The authenticated user, {@code null} while anonymous. */
    String user();

    /** The roles of the authenticated user (a room policy may decide by them); empty while anonymous. */
    default Set<String> roles() {
        return Set.of();
    }

    /** The rooms it is in; the registry keeps this set, everybody else only reads it. */
    Set<String> rooms();

    /**
     * Whether it is in the room. Asked of the member, not the registry: a verb that checks membership
     * before calling the registry pays for one EJB invocation, not two.
     */
    default boolean isIn(RoomName room) {
        return rooms().contains(room.value());
    }

    /** Whether its connection is closing or closed: it joins no room any more. */
    default boolean closing() {
        return false;
    }

    /**
     * Whether it asked for presence diffs ({@code presence=diff} in its upgrade request's query): then the {@code join} and
     * {@code leave} events of its rooms come to it as one {@code presenceDiff} frame per room and short period, sent before
     * any later frame of the room, instead of one frame each.
     */
    default boolean presenceDiffs() {
        return false;
    }

    /** Queues a frame without sending it; never blocks. A member whose queue is full is evicted on flush. */
    void offer(String frame);

    /**
     * Queues frames that already live elsewhere (a room's history, for a replay), to be written one after
     * the other as the client reads them: they take one place in the queue and do not count against its
     * bound of characters, so that a replay larger than the bound never evicts a member that reads.
     */
    default void offerAll(java.util.List<String> frames) {
        frames.forEach(this::offer);
    }

    /** Starts sending what was offered, if nothing is being sent already. */
    void flush();

    /**
     * The thread its transport writes on, where the container hands every send from another thread (Undertow: the I/O
     * thread of its socket), or {@code null} when there is none to know of: a fan-out hands such a thread the flushes
     * of all its members at once.
     */
    default Executor writer() {
        return null;
    }

    /** Sends what is queued, then closes the connection with this code and reason; later frames are dropped. */
    void closeAfterQueued(int closeCode, String reason);
}
