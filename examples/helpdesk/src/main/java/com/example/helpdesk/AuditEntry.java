package com.example.helpdesk;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.TableGenerator;

/**
 * One line of the audit trail: something Switchboard reported (a sign-in, a join, a leave, a message to a room, a
 * direct message), as {@link AuditTrail} wrote it. Column names avoid SQL's reserved words ({@code user}).
 */
@Entity
@NamedQuery(name = "AuditEntry.all", query = "SELECT a FROM AuditEntry a ORDER BY a.id")
@NamedQuery(name = "AuditEntry.ofRoom", query = "SELECT a FROM AuditEntry a WHERE a.room = :room ORDER BY a.id")
public class AuditEntry {

    /** The longest detail kept; a longer one is cut. */
    static final int MAX_DETAIL = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "audit-ids")
    @TableGenerator(name = "audit-ids", table = "helpdesk_ids", pkColumnValue = "audit")
    private Long id;

    /** When, epoch milliseconds. */
    @Column(name = "happened_at", nullable = false)
    private long at;

    /** {@code authenticated}, {@code joined}, {@code left}, {@code said}, {@code told}. */
    @Column(nullable = false, length = 32)
    private String kind;

    /** The connection's id; {@code null} when the application itself sent the message. */
    @Column(name = "connection_id", length = 64)
    private String connection;

    @Column(name = "user_name", length = 64)
    private String user;

    @Column(length = 200)
    private String room;

    @Column(length = MAX_DETAIL)
    private String detail;

    /** For JPA. */
    protected AuditEntry() {
    }

    AuditEntry(long at, String kind, String connection, String user, String room, String detail) {
        this.at = at;
        this.kind = kind;
        this.connection = connection;
        this.user = user;
        this.room = room;
        this.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** As the REST resource answers it; absent fields are left out. */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", id).add("at", at).add("kind", kind);
        addIfPresent(json, "connection", connection);
        addIfPresent(json, "user", user);
        addIfPresent(json, "room", room);
        addIfPresent(json, "detail", detail);
        return json.build();
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
