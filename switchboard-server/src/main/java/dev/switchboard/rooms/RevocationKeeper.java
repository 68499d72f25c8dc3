package dev.switchboard.rooms;

import java.util.List;

/**
 * Who keeps the revocations on this node: the registry carries them between nodes (each as its JSON text, which it does
 * not read) and hands each that arrives — from the bus, or in another node's snapshot — to the keeper.
 */
public interface RevocationKeeper {

    /** The revocations in force here, for this node's snapshots. */
    List<String> known();

    /** A revocation arrived (maybe again: a snapshot repeats what the bus brought). */
    void revoked(String revocation);
}
