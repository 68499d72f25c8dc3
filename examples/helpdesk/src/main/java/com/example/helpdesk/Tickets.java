package com.example.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The tickets and their comments in the database (the server's default datasource, {@code persistence.xml}), one
 * transaction per method. A ticket that is opened or assigned is fired as a CDI event, which
 * {@link TicketRoomPolicy} observes once the transaction has committed.
 */
@ApplicationScoped
@Transactional
public class Tickets {

    @PersistenceContext
    EntityManager entities;

    @Inject
    Event<Ticket> saved;

    /**
     * Opens a ticket; or, when a ticket was opened with this request key already (the request is a retry), that one.
     *
     * @param requestKey the request's {@code Idempotency-Key}, or {@code null} for none
     */
    public Ticket open(String title, String reporter, String requestKey) {
        if (requestKey != null) {
            List<Ticket> earlier = entities.createNamedQuery("Ticket.byRequestKey", Ticket.class).setParameter("key", requestKey)
                    .getResultList();
            if (!earlier.isEmpty()) {
                return earlier.get(0);
            }
        }
        Ticket ticket = new Ticket(title, reporter, requestKey);
        entities.persist(ticket);
        entities.flush(); // the id, now
        saved.fire(ticket);
        return ticket;
    }

    public Optional<Ticket> find(long id) {
        return Optional.ofNullable(entities.find(Ticket.class, id));
    }

    /** Gives the ticket to a user; empty when there is no such ticket. */
    public Optional<Ticket> assign(long id, String assignee) {
        Optional<Ticket> ticket = find(id);
        ticket.ifPresent(found -> {
            found.assignTo(assignee);
            saved.fire(found);
        });
        return ticket;
    }

    /** Closes the ticket; empty when there is no such ticket. */
    public Optional<Ticket> close(long id) {
        Optional<Ticket> ticket = find(id);
        ticket.ifPresent(Ticket::close);
        return ticket;
    }

    public List<Ticket> all() {
        return entities.createNamedQuery("Ticket.all", Ticket.class).getResultList();
    }

    public Comment comment(long ticketId, String author, String text) {
        Comment comment = new Comment(ticketId, author, text, System.currentTimeMillis());
        entities.persist(comment);
        entities.flush();
        return comment;
    }

    public List<Comment> comments(long ticketId) {
        return entities.createNamedQuery("Comment.ofTicket", Comment.class).setParameter("ticket", ticketId).getResultList();
    }
}
