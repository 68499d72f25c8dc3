package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.LocalClusterBus;
import dev.switchboard.cluster.NodeIdentity;
import dev.switchboard.config.Settings;
import dev.switchboard.metrics.Meters;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.rooms.RoomRegistry;
import dev.switchboard.security.Identity;
import dev.switchboard.security.Refusals;
import dev.switchboard.security.Revocation;
import dev.switchboard.security.Revocations;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What becomes of a connection whose token is revoked, or expires: on this node, through the registry's bus. */
class TokenLifetimeTest {

    private final FrameCodec codec = new FrameCodec();
    private final Settings settings = Settings.of(Map.of("switchboard.auth.expiryWarningSeconds", "60"));
    private final RoomRegistry registry = new RoomRegistry(new LocalClusterBus(), codec, new NodeIdentity("n1"), Clock.systemUTC());
    private final Connections connections = new Connections(registry, codec, settings, new Refusals(), new Meters(), new NodeStatus());
    private final Revocations revocations = new Revocations(null, Clock.systemUTC());
    private final Instant now = Instant.now();

    {
        connections.revocations(revocations, settings.auth());
        registry.revocations(connections);
    }

    @AfterEach
    void close() {
        codec.close();
    }

    /** A connection opened on a scripted session, authenticated with a token of this id, issued and expiring then. */
    private ConnectionTest.ScriptedSession open(String user, String tokenId, Instant issued, Instant expires) {
        ConnectionTest.ScriptedSession script = new ConnectionTest.ScriptedSession();
        script.completeInline = true;
        Connection connection = connections.open(script.session());
        connection.authenticate(new Identity(user, Set.of(), tokenId, issued, expires));
        script.sent.clear(); // its welcome
        return script;
    }

    private List<JsonObject> events(ConnectionTest.ScriptedSession script, String event) {
        return script.sent.stream().filter(frame -> frame.startsWith("{")).map(frame -> (JsonObject) codec.parse(frame))
                .filter(frame -> event.equals(frame.getString("event", ""))).map(frame -> frame.getJsonObject("data")).toList();
    }

    @Test
    void aRevokedTokensConnectionsAreToldNotToComeBackAndClosedTheOthersStay() {
        ConnectionTest.ScriptedSession revoked = open("ann", "t-1", now.minusSeconds(10), now.plusSeconds(3600));
        ConnectionTest.ScriptedSession other = open("ann", "t-2", now.minusSeconds(10), now.plusSeconds(3600));
        registry.revoke(Revocation.ofToken("t-1", now.plusSeconds(3600)).toJson().toString());
        JsonObject end = events(revoked, "end").get(0);
        assertFalse(end.getBoolean("reconnect"));
        assertEquals("token revoked", end.getString("reason"));
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, revoked.closedWith.getCloseCode());
        assertNull(other.closedWith);
        assertEquals(List.of(), events(other, "end"));
        assertEquals(1, revocations.current().size(), "kept, for the tokens' next auth");
        registry.revoke(Revocation.ofToken("t-1", now.plusSeconds(3600)).toJson().toString()); // again, as a snapshot brings it
        assertEquals(1, revocations.current().size());
    }

    @Test
    void aUsersRevocationClosesWhatWasProvenBeforeItAndNothingAfter() {
        ConnectionTest.ScriptedSession before = open("bob", "t-3", now.minusSeconds(60), now.plusSeconds(3600));
        ConnectionTest.ScriptedSession after = open("bob", "t-4", now.plusSeconds(1), now.plusSeconds(3600));
        ConnectionTest.ScriptedSession someoneElse = open("carol", "t-5", now.minusSeconds(60), now.plusSeconds(3600));
        registry.revoke(Revocation.ofUser("bob", now, now.plusSeconds(3600)).toJson().toString());
        assertEquals("tokens of user 'bob' revoked", events(before, "end").get(0).getString("reason"));
        assertNull(after.closedWith);
        assertNull(someoneElse.closedWith);
    }

    @Test
    void aConnectionIsToldOnceBeforeItsTokenExpiresThenClosedAndToldToComeBackWithAFreshOne() {
        ConnectionTest.ScriptedSession expiring = open("dora", "t-6", now.minusSeconds(600), now.plusSeconds(30));
        ConnectionTest.ScriptedSession lasting = open("dora", "t-7", now.minusSeconds(600), now.plusSeconds(3600));
        Connection connection = connections.find("dora").stream().map(Connection.class::cast)
                .filter(candidate -> "t-6".equals(candidate.identity().tokenId())).findFirst().orElseThrow();
        connections.checkExpiry(connection, now);
        connections.checkExpiry(connection, now.plusSeconds(1));
        List<JsonObject> warnings = events(expiring, "tokenExpiring");
        assertEquals(1, warnings.size(), "once per token");
        assertEquals(now.plusSeconds(30).toEpochMilli(), warnings.get(0).getJsonNumber("expiresAt").longValue());
        assertEquals(30_000, warnings.get(0).getJsonNumber("inMs").longValue());
        assertNull(expiring.closedWith);
        connection.authenticate(new Identity("dora", Set.of(), "t-8", now, now.plusSeconds(40))); // refreshed: a new token
        connections.checkExpiry(connection, now.plusSeconds(31));
        assertNull(expiring.closedWith, "the fresh token holds");
        assertEquals(2, events(expiring, "tokenExpiring").size(), "and is warned of in its turn");
        connections.checkExpiry(connection, now.plusSeconds(40));
        JsonObject end = events(expiring, "end").get(0);
        assertTrue(end.getBoolean("reconnect"));
        assertEquals("token expired", end.getString("reason"));
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, expiring.closedWith.getCloseCode());
        assertEquals(List.of(), events(lasting, "tokenExpiring"));
    }
}
