package com.example.helpdesk;

import dev.switchboard.events.Authenticated;
import dev.switchboard.events.Joined;
import dev.switchboard.events.Left;
import dev.switchboard.events.Said;
import dev.switchboard.events.Told;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.TreeSet;

/**
 * The audit trail: what Switchboard reports — sign-ins, joins and leaves, messages to rooms, direct messages — written
 * to the database as it happens. Switchboard delivers these events to {@code @Observes} methods one at a time, in
 * order, on a managed thread of the server (never a connection's), so each may open a transaction and write.
 */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext
    EntityManager entities;

    @Transactional
    void authenticated(@Observes Authenticated event) {
        write(new AuditEntry(event.at(), "authenticated", event.connectionId(), event.user(), null,
                "roles " + new TreeSet<>(event.roles())));
    }

    @Transactional
    void joined(@Observes Joined event) {
        write(new AuditEntry(event.at(), "joined", event.connectionId(), event.user(), event.room(), null));
    }

    @Transactional
    void left(@Observes Left event) {
        write(new AuditEntry(event.at(), "left", event.connectionId(), event.user(), event.room(), null));
    }

    /** A message reached a room: a client's {@code say}, or the application's publish or event. */
    @Transactional
    void said(@Observes Said event) {
        write(new AuditEntry(event.at(), "said", event.from().id(), event.from().user(), event.room(),
                event.event() + " " + event.messageId() + " at " + event.position().offset() + ": " + event.message()));
    }

    /** A direct message left for a user or a connection. */
    @Transactional
    void told(@Observes Told event) {
        write(new AuditEntry(event.at(), "told", event.from().id(), event.from().user(), null,
                event.event() + " to " + event.to() + ": " + event.message()));
    }

    private void write(AuditEntry entry) {
        entities.persist(entry);
    }

    /** The whole trail, or one room's, oldest first. */
    public List<AuditEntry> entries(String room) {
        return room == null ? entities.createNamedQuery("AuditEntry.all", AuditEntry.class).getResultList()
                : entities.createNamedQuery("AuditEntry.ofRoom", AuditEntry.class).setParameter("room", room).getResultList();
    }
}
