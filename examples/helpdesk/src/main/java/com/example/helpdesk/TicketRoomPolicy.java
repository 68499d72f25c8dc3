package com.example.helpdesk;

import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.rooms.PolicyRefusal;
import dev.switchboard.rooms.RoomPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may join which room, from the application's own data: a ticket's room {@code ticket-<id>} is for its reporter
 * and its assignee only, and the board ({@code tickets}) for signed-in users. The application itself puts a new
 * assignee's connections in with {@code Switchboard.subscribe}, which asks no policy.
 *
 * <p>A policy decides while Switchboard holds the room's lock, so it must not wait for I/O: this one keeps who is
 * involved in each ticket in memory — read from the database at deployment, then updated from {@link Tickets}'
 * events once their transaction has committed. That is this node's knowledge: on a cluster, each node would also
 * have to hear the others' changes (see the README).
 */
@ApplicationScoped
public class TicketRoomPolicy implements RoomPolicy {

    private final Map<Long, Set<String>> involved = new ConcurrentHashMap<>();

    @Inject
    Tickets tickets;

    void load(@Observes @Initialized(ApplicationScoped.class) Object started) {
        tickets.all().forEach(this::remember);
    }

    void remember(@Observes(during = TransactionPhase.AFTER_SUCCESS) Ticket ticket) {
        Set<String> users = new HashSet<>();
        users.add(ticket.getReporter());
        if (ticket.getAssignee() != null) {
            users.add(ticket.getAssignee());
        }
        involved.put(ticket.getId(), Set.copyOf(users));
    }

    @Override
    public void join(JoinRequest request) {
        String room = request.room().value();
        String user = request.member().user();
        if (room.equals(Ticket.BOARD) && user == null) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "the board is for signed-in users: auth first");
        }
        if (!Ticket.isTicketRoom(room)) {
            return;
        }
        Set<String> users = involved.get(Ticket.idOfRoom(room));
        if (users == null) {
            throw new PolicyRefusal(ErrorCode.NOT_FOUND, "no ticket has the room '" + room + "'");
        }
        if (user == null || !users.contains(user)) {
            throw new PolicyRefusal(ErrorCode.FORBIDDEN, "room '" + room + "' is for the ticket's reporter and assignee only");
        }
    }
}
