package dev.switchboard.rooms;

import java.util.Collection;
import java.util.List;

/** The connections open on this node, for direct messages and snapshots. */
public interface LocalDirectory {

    /** The connection with this id, or every connection of this user. */
    List<? extends Member> find(String idOrUser);

    /** Every open connection of this node. */
    Collection<? extends Member> all();
}
