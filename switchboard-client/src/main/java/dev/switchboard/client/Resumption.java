package dev.switchboard.client;

import dev.switchboard.protocol.ErrorCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the application made of its session, and giving it back after a reconnect (Phoenix's channel
 * rejoin, kept apart from the socket's reconnect): the credentials of its last {@code auth}, the rooms it is in (joined by
 * its own calls, or put into by the server), and the last position it saw in each. On a new link, after {@code welcome}: {@code auth} again
 * (with a fresh token from the application's supplier when it has one, on the first link too), then {@code roomAdd} of
 * every room with {@code since}, and only then the spool.
 */
final class Resumption {

    /** Refusals of a re-authentication that say nothing of the credentials: the client tries again on a new connection. */
    static final java.util.Set<ErrorCode> TRANSIENT = java.util.EnumSet.of(ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL,
            ErrorCode.RATE_LIMITED);


    /** Made once: {@code Json.createObjectBuilder()} and friends look the JSON provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> JOINS = Set.of("roomAdd", "listenToRoom");
    private static final Set<String> LEAVES = Set.of("roomLeave", "silenceRoom");

    /** What resuming needs of the client. */
    interface Client {
        /** A call of the client's own, sent at once on that link (fails when it is no longer the current one). */
        CompletableFuture<JsonValue> internalCall(Link target, String method, JsonObject params);

        /** Gives up for good (the server refused the credentials it took before). */
        void abort(SwitchboardException why);

        /** Authenticated and back in every room on this link: the spool may go. */
        void resumed(Link target);

        /** The application's {@code quit} was answered. */
        void close();
    }

    private final Client client;
    private final Listeners listeners;
    /** The application's tokens, asked for on every new link and when the token expires; {@code null}: none. */
    private final Supplier<CompletionStage<String>> tokens;
    /** The last position seen per room ({@code say} events carry it), sent as {@code since} on re-join. */
    private final Map<String, JsonObject> positions = new ConcurrentHashMap<>();
    // guarded by this
    private final Set<String> rooms = new LinkedHashSet<>();
    private JsonObject authParams;

    Resumption(Client client, Listeners listeners, Supplier<CompletionStage<String>> tokens, java.time.Duration tokenTimeout) {
        this.client = client;
        this.listeners = listeners;
        this.tokens = tokens;
        this.tokenTimeout = tokenTimeout;
    }

    /** How long the application's supplier may take for a token (the client's call timeout). */
    private final java.time.Duration tokenTimeout;

    /** The application's token supplier failed, or gave no token in time. */
    private static final class NoToken extends RuntimeException {
        NoToken(Throwable cause) {
            super(String.valueOf(cause), cause);
        }
    }

    /** A token from the application's supplier, within {@link #tokenTimeout}; fails with {@link NoToken}. */
    CompletableFuture<String> token() {
        CompletableFuture<String> token;
        try {
            token = tokens.get().toCompletableFuture();
        } catch (RuntimeException e) {
            token = CompletableFuture.failedFuture(e);
        }
        return token.orTimeout(tokenTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).handle((value, failure) -> {
            if (failure != null || value == null || value.isEmpty()) {
                throw new NoToken(failure == null ? new IllegalStateException("no token") : unwrap(failure));
            }
            return value;
        });
    }

    /** Whether the last {@code auth} that succeeded was with a token. */
    synchronized boolean authenticatedWithToken() {
        return authParams != null && authParams.get("token") instanceof JsonString;
    }

    static JsonObject token(String token) {
        return JSON.createObjectBuilder().add("token", token).build();
    }

    /** Keeps the rooms and the credentials of an application's call once it succeeded. */
    void track(PendingCall call) {
        JsonValue room = call.params.get("room");
        String roomName = room instanceof JsonString string ? string.getString() : null;
        call.future.thenRun(() -> {
            synchronized (this) {
                if (JOINS.contains(call.method) && roomName != null) {
                    rooms.add(roomName);
                } else if (LEAVES.contains(call.method) && roomName != null) {
                    rooms.remove(roomName);
                    positions.remove(roomName);
                } else if ("roomChange".equals(call.method) && roomName != null) {
                    rooms.clear();
                    positions.keySet().retainAll(Set.of(roomName));
                    rooms.add(roomName);
                } else if ("auth".equals(call.method)) {
                    authParams = call.params;
                }
            }
            if ("quit".equals(call.method)) {
                client.close();
            }
        });
    }

    /**
     * A server event on the link whose connection has this id: a room's message (a {@code say}, or an application's
     * event to a room) gives the position to resume its room from; a {@code join} or {@code leave} of the connection
     * itself that it did not ask for — the server put it into a room (a default room, the application's subscribe)
     * or took it out — makes the room its own, or no longer, as its own {@code roomAdd} or {@code roomLeave} would.
     */
    void heard(String event, JsonValue data, String connectionId) {
        if (!(data instanceof JsonObject object) || !(object.get("room") instanceof JsonString room)) {
            return;
        }
        if (object.get("position") instanceof JsonObject position) {
            positions.merge(room.getString(), position, Resumption::later);
        } else if (connectionId != null && object.get("member") instanceof JsonObject member
                && connectionId.equals(member.getString("id", null))) {
            synchronized (this) {
                if ("join".equals(event)) {
                    rooms.add(room.getString());
                } else if ("leave".equals(event)) {
                    rooms.remove(room.getString());
                    positions.remove(room.getString());
                }
            }
        }
    }

    /**
     * After {@code welcome} on a new link: auth — with where the client left each room ({@code since}), for the rooms
     * the server puts it into itself when it authenticates — then the rooms from those same positions, then
     * {@link Client#resumed}. The positions are taken once, now: what arrives live meanwhile must not move a re-join's
     * {@code since} past what was missed.
     */
    void resume(Link target) {
        JsonObject auth;
        List<String> joined;
        Map<String, JsonObject> since = new java.util.HashMap<>();
        synchronized (this) {
            auth = authParams;
            joined = List.copyOf(rooms);
            joined.forEach(room -> {
                JsonObject position = positions.get(room);
                if (position != null) {
                    since.put(room, position);
                }
            });
        }
        java.util.function.Function<JsonObject, CompletableFuture<JsonValue>> authenticate = params -> client.internalCall(target, "auth",
                since.isEmpty() ? params
                        : JSON.createObjectBuilder(params).add("since", JSON.createObjectBuilder(new java.util.TreeMap<String, Object>(since))).build());
        CompletableFuture<JsonValue> authenticated;
        if (tokens != null && (auth == null || auth.get("token") instanceof JsonString)) {
            // the application's supplier gives the token of every connection, the first included: a token that expired
            // while the client was away is never sent (Centrifugo's getToken, Phoenix's params function)
            authenticated = token().thenCompose(token -> {
                JsonObject fresh = token(token);
                return authenticate.apply(fresh).thenApply(data -> {
                    synchronized (this) {
                        authParams = fresh;
                    }
                    return data;
                });
            });
        } else {
            authenticated = auth == null ? CompletableFuture.completedFuture(JsonValue.NULL) : authenticate.apply(auth);
        }
        authenticated.whenComplete((ok, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (cause instanceof ConnectionLostException || cause instanceof ClientClosedException) {
                    return; // the link or the client is gone already: what follows is theirs
                }
                if (cause instanceof CallTimeoutException) {
                    target.abort("auth replay timed out");
                } else if (cause instanceof SwitchboardException refused && TRANSIENT.contains(refused.code())) {
                    // not a verdict on the credentials (a broker outage, a server bug, a flood): the next connection tries again
                    listeners.error(refused);
                    target.abort("re-authentication refused for now (" + refused.code() + "); trying again");
                } else if (cause instanceof SwitchboardException refused) {
                    client.abort(new AuthenticationFailedException(refused.code(), refused.getMessage()));
                } else { // the application's token supplier failed: it may answer next time
                    listeners.error(new SwitchboardException(ErrorCode.UNAVAILABLE, "the application's token supplier failed: "
                            + (cause instanceof NoToken none ? none.getMessage() : cause)));
                    if (auth != null) {
                        target.abort("no fresh token; trying again");
                        return;
                    }
                    // never authenticated yet: the client goes on without, and the application's own auth (spooled) may go
                    rejoin(target, joined, since);
                }
                return;
            }
            rejoin(target, joined, since);
        });
    }

    /** The rooms again, each from its position, then {@link Client#resumed}. */
    private void rejoin(Link target, List<String> joined, Map<String, JsonObject> since) {
        List<CompletableFuture<JsonValue>> rejoins = new ArrayList<>();
        for (String room : joined) {
            JsonObject from = since.get(room);
            JsonObject params = from == null ? room(room) : JSON.createObjectBuilder(room(room)).add("since", from).build();
            rejoins.add(client.internalCall(target, "roomAdd", params).whenComplete((data, error) -> {
                if (error != null && !(unwrap(error) instanceof ConnectionLostException)) {
                    listeners.error(unwrap(error));
                } else if (error == null) {
                    listeners.event(SwitchboardClient.REJOINED, data);
                }
            }));
        }
        CompletableFuture.allOf(rejoins.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> client.resumed(target));
    }

    /** The later of two positions of a room: in one epoch the higher offset; across epochs, the one heard last. */
    private static JsonObject later(JsonObject known, JsonObject heard) {
        if (known.getString("epoch", "").equals(heard.getString("epoch", "")) && known.get("offset") instanceof jakarta.json.JsonNumber before
                && heard.get("offset") instanceof jakarta.json.JsonNumber after && after.longValue() <= before.longValue()) {
            return known; // an older message replayed after newer ones: the client has seen past it
        }
        return heard;
    }

    static JsonObject room(String room) {
        return JSON.createObjectBuilder().add("room", room).build();
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
