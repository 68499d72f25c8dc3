package dev.switchboard.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.security.AuthFailures;
import dev.switchboard.security.Authenticator;
import dev.switchboard.security.BadCredentialsException;
import dev.switchboard.security.Identity;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthHandlerTest {

    private final FrameCodec codec = new FrameCodec();
    private final Authenticator passwords = credentials -> {
        if (credentials.user() == null || credentials.key() == null) {
            return Optional.empty();
        }
        if (!credentials.key().equals("open sesame")) {
            throw new BadCredentialsException("wrong user or key");
        }
        return Optional.of(new Identity(credentials.user(), Set.of("chat")));
    };
    private final Authenticator everyone = credentials -> Optional.of(new Identity("everyone", Set.of()));
    private long now;
    private final AuthFailures addresses = new AuthFailures(5, 60_000, () -> this.now);
    private final Dispatcher dispatcher = new Dispatcher(Map.of("auth", new AuthHandler(List.of(passwords, everyone), null, 3,
            addresses)), codec, Settings.of(Map.of()).auth());
    private final InboundReader reader = new InboundReader(codec, Settings.of(Map.of()).limits(), kind -> { });
    private RecordingCaller caller = new RecordingCaller("c1");

    @AfterEach
    void close() {
        codec.close();
    }

    private JsonObject auth(String key) {
        dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"auth\",\"params\":{\"user\":\"ann\",\"key\":\"" + key + "\"}}"));
        return (JsonObject) codec.parse(caller.take().get(0));
    }

    @Test
    void aUserIsPutIntoItsPersonalRoomFromWhereItsClientLeftItAndLeavesItWhenTheConnectionBecomesSomeoneElse() {
        dev.switchboard.rooms.RoomRegistry registry = new dev.switchboard.rooms.RoomRegistry(new dev.switchboard.cluster.LocalClusterBus(),
                codec, new dev.switchboard.cluster.NodeIdentity("n1"), java.time.Clock.systemUTC());
        Dispatcher withRooms = new Dispatcher(Map.of("auth", new AuthHandler(List.of(passwords), registry, 3, addresses)
                .withRooms(Settings.of(Map.of("switchboard.rooms.onAuth", "user:{user}")).rooms())), codec, Settings.of(Map.of()).auth());
        dev.switchboard.rooms.RoomName mine = new dev.switchboard.rooms.RoomName("user:ann");
        RecordingCaller earlier = new RecordingCaller("earlier");
        registry.join(earlier, mine);
        for (String message : List.of("one", "two")) {
            registry.publish(mine, codec.encode(dev.switchboard.protocol.Event.of("say", new dev.switchboard.protocol.SayMessage("user:ann",
                    dev.switchboard.protocol.Peer.application(null), jakarta.json.Json.createValue(message), message, 0))));
        }
        JsonObject first = (JsonObject) codec.parse(registry.history(mine, 10).get(0));
        String since = first.getJsonObject("data").getJsonObject("position").toString();
        withRooms.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"auth\",\"params\":{\"user\":\"ann\","
                + "\"key\":\"open sesame\",\"since\":{\"user:ann\":" + since + "}}}"));
        List<String> says = caller.take().stream().map(frame -> (JsonObject) codec.parse(frame))
                .filter(frame -> "say".equals(frame.getString("event", ""))).map(frame -> frame.getJsonObject("data").getString("message")).toList();
        assertEquals(List.of("two"), says, "what came after the position its client had, before the reply");
        assertEquals(Set.of("user:ann"), caller.rooms());
        withRooms.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":2,\"method\":\"auth\",\"params\":{\"user\":\"bob\","
                + "\"key\":\"open sesame\"}}"));
        assertEquals(Set.of("user:bob"), caller.rooms(), "no longer in ann's room once it is bob");
    }

    @Test
    void aRevokedTokenOrAUsersLoginFromBeforeItsRevocationIsRefusedAndALaterLoginIsNot() {
        java.time.Instant now = java.time.Instant.now();
        dev.switchboard.security.Revocations revocations = new dev.switchboard.security.Revocations(null, java.time.Clock.systemUTC());
        Authenticator tokens = credentials -> Optional.of(new Identity("ann", Set.of(), credentials.token(), now.minusSeconds(60),
                now.plusSeconds(600)));
        Dispatcher withRevocations = new Dispatcher(Map.of("auth", new AuthHandler(List.of(tokens), null, 3, addresses)
                .withRevocations(revocations)), codec, Settings.of(Map.of()).auth());
        revocations.add(dev.switchboard.security.Revocation.ofToken("t-1", now.plusSeconds(600)));
        withRevocations.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"auth\",\"params\":{\"token\":\"t-1\"}}"));
        JsonObject refused = (JsonObject) codec.parse(caller.take().get(0));
        assertEquals("token revoked", refused.getJsonObject("error").getString("message"));
        assertNull(caller.user());
        withRevocations.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":2,\"method\":\"auth\",\"params\":{\"token\":\"t-2\"}}"));
        assertEquals("ann", caller.user(), "another token of ann's");

        Dispatcher logins = new Dispatcher(Map.of("auth", new AuthHandler(List.of(passwords), null, 3, addresses).withRevocations(revocations)),
                codec, Settings.of(Map.of()).auth());
        revocations.add(dev.switchboard.security.Revocation.ofUser("ann", now.plusSeconds(1), now.plusSeconds(600)));
        RecordingCaller tokenOfBefore = new RecordingCaller("c2");
        withRevocations.dispatch(tokenOfBefore, reader.read("{\"type\":\"method\",\"id\":3,\"method\":\"auth\",\"params\":{\"token\":\"t-3\"}}"));
        assertEquals("tokens of user 'ann' revoked", ((JsonObject) codec.parse(tokenOfBefore.take().get(0))).getJsonObject("error")
                .getString("message"));
        RecordingCaller login = new RecordingCaller("c3");
        logins.dispatch(login, reader.read("{\"type\":\"method\",\"id\":4,\"method\":\"auth\",\"params\":{\"user\":\"ann\","
                + "\"key\":\"open sesame\"}}"));
        assertEquals("UNAUTHORIZED", ((JsonObject) codec.parse(login.take().get(0))).getJsonObject("error").getString("code"),
                "a login proven now, still before the revocation's time");
    }

    @Test
    void theFirstAuthenticatorThatAnswersDecides() {
        JsonObject reply = auth("open sesame");
        assertEquals("ann", reply.getJsonObject("data").getString("user"));
        assertEquals("chat", reply.getJsonObject("data").getJsonArray("roles").getString(0));
        assertEquals("ann", caller.user());
    }

    @Test
    void failuresCountOverTheConnectionsLifetimeSoASuccessInBetweenForgivesNone() {
        assertEquals("UNAUTHORIZED", auth("wrong").getJsonObject("error").getString("code"));
        assertEquals("UNAUTHORIZED", auth("wrong").getJsonObject("error").getString("code"));
        assertEquals(0, caller.closeCode());
        auth("open sesame"); // "bad, bad, good" must not be a loop that guesses forever
        assertEquals("wrong user or key; 3 failed attempts, closing", auth("wrong").getJsonObject("error").getString("message"));
        assertEquals(1008, caller.closeCode());
    }

    @Test
    void anAddressThatFailsTooOftenIsRefusedOnANewConnectionTooUntilItsWindowEnds() {
        for (int connection = 0; connection < 5; connection++) {
            caller = new RecordingCaller("c" + connection); // every connection from 127.0.0.1: one failure each
            assertEquals("UNAUTHORIZED", auth("wrong").getJsonObject("error").getString("code"));
            assertEquals(0, caller.closeCode());
        }
        caller = new RecordingCaller("fresh");
        JsonObject refused = auth("open sesame").getJsonObject("error");
        assertEquals("RATE_LIMITED", refused.getString("code"), refused.toString());
        assertEquals(1008, caller.closeCode());
        assertNull(caller.user(), "not even the right key is tried");
        now += 60_000; // the window ends
        caller = new RecordingCaller("later");
        assertEquals("ann", auth("open sesame").getJsonObject("data").getString("user"));
    }


    @Test
    void badCredentialsLeaveTheConnectionAnonymous() {
        auth("wrong");
        assertNull(caller.user());
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        AuthFailures failures = new AuthFailures(2, 60_000, () -> 0);
        failures.failed("2001:db8:1:2::1");
        failures.failed("2001:db8:1:2:ffff::9"); // another address of the same subscriber's block
        assertEquals(true, failures.blocked("2001:db8:1:2::77"));
        assertEquals(false, failures.blocked("2001:db8:1:3::1"), "the next /64 is someone else");
        assertEquals(false, failures.blocked("192.0.2.1"));
    }
}
