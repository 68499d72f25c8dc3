package com.example.helpdesk;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.TableGenerator;

/**
 * A help-desk ticket: what is wrong, who reported it, who works on it, and where it stands. Its conversation is
 * the Switchboard room {@code ticket-<id>} ({@link #room()}), which only its reporter and assignee may join
 * ({@link TicketRoomPolicy}).
 */
@Entity
@NamedQuery(name = "Ticket.all", query = "SELECT t FROM Ticket t ORDER BY t.id")
@NamedQuery(name = "Ticket.byRequestKey", query = "SELECT t FROM Ticket t WHERE t.requestKey = :key")
public class Ticket {

    /** The room every signed-in board listens to: the tickets' news. */
    public static final String BOARD = "tickets";

    /** What the ticket's room is called: {@code ticket-} and its id. */
    static final String ROOM_PREFIX = "ticket-";

    /** Where a ticket stands. */
    public enum Status {
        OPEN, ASSIGNED, CLOSED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "ticket-ids")
    @TableGenerator(name = "ticket-ids", table = "helpdesk_ids", pkColumnValue = "ticket")
    private Long id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 64)
    private String reporter;

    @Column(length = 64)
    private String assignee;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    /** The {@code Idempotency-Key} of the request that opened it: a retry of that request finds this ticket. */
    @Column(unique = true, length = 100)
    private String requestKey;

    /** For JPA. */
    protected Ticket() {
    }

    Ticket(String title, String reporter, String requestKey) {
        this.title = title;
        this.reporter = reporter;
        this.requestKey = requestKey;
        this.status = Status.OPEN;
    }

    public long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getReporter() {
        return reporter;
    }

    public String getAssignee() {
        return assignee;
    }

    public Status getStatus() {
        return status;
    }

    void assignTo(String user) {
        assignee = user;
        status = Status.ASSIGNED;
    }

    void close() {
        status = Status.CLOSED;
    }

    /** Whether the user is its reporter or its assignee: who may be in its room, comment on it and close it. */
    public boolean involves(String user) {
        return user != null && (user.equals(reporter) || user.equals(assignee));
    }

    /** The ticket's own room, {@code ticket-<id>}. */
    public String room() {
        return ROOM_PREFIX + id;
    }

    /** Whether the room is named like a ticket's room ({@code ticket-…}). */
    static boolean isTicketRoom(String room) {
        return room.startsWith(ROOM_PREFIX);
    }

    /** The id of the ticket whose room this is, or -1 when the name holds no id. */
    static long idOfRoom(String room) {
        try {
            return isTicketRoom(room) ? Long.parseLong(room.substring(ROOM_PREFIX.length())) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** As the REST resource answers it and the clients get it in {@code ticket-*} events. */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", id).add("title", title).add("reporter", reporter)
                .add("status", status.name()).add("room", room());
        if (assignee != null) {
            json.add("assignee", assignee);
        }
        return json.build();
    }
}
