package com.example.helpdesk;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** A comment on a ticket, as {@link CommentAction} stores it before saying it in the ticket's room. */
@Entity
@Table(name = "ticket_comment")
@NamedQuery(name = "Comment.ofTicket", query = "SELECT c FROM Comment c WHERE c.ticketId = :ticket ORDER BY c.id")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "comment-ids")
    @TableGenerator(name = "comment-ids", table = "helpdesk_ids", pkColumnValue = "comment")
    private Long id;

    @Column(name = "ticket_id", nullable = false)
    private long ticketId;

    @Column(nullable = false, length = 64)
    private String author;

    @Column(nullable = false, length = 2000)
    private String text;

    /** When, epoch milliseconds. */
    @Column(name = "written_at", nullable = false)
    private long writtenAt;

    /** For JPA. */
    protected Comment() {
    }

    Comment(long ticketId, String author, String text, long writtenAt) {
        this.ticketId = ticketId;
        this.author = author;
        this.text = text;
        this.writtenAt = writtenAt;
    }

    public long getId() {
        return id;
    }

    /** As the REST resource answers it and the ticket's room is told it. */
    public JsonObject toJson() {
        return Json.createObjectBuilder().add("id", id).add("ticket", ticketId).add("author", author).add("text", text)
                .add("at", writtenAt).build();
    }
}
