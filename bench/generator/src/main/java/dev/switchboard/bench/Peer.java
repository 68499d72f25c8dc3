package dev.switchboard.bench;

/**
 * How the generator speaks to one server under test: where its WebSocket is and what its frames look
 * like. Each peer runs the same small app — join a room, say to it, ask who is in it — in its own
 * protocol. Reading a frame finds only what the benchmark needs (a reply's id, a message's send time),
 * with {@code indexOf}, so the generator spends little per frame.
 */
interface Peer {

    /** What a received frame is. {@code answer}, if not null, is sent back at once (pings). */
    record Incoming(Kind kind, long value, String answer) {
        static final Incoming OTHER = new Incoming(Kind.OTHER, 0, null);
        static final Incoming READY = new Incoming(Kind.READY, 0, null);
    }

    enum Kind { READY, REPLY, SAY, OTHER }

    String name();

    /** Path and query of the WebSocket. */
    String path();

    /** Whether the connection is usable as soon as the handshake is done (no welcome frame). */
    default boolean readyOnHandshake() {
        return false;
    }

    /** A join of {@code room} answered with a reply carrying {@code id}; null when the peer has no rooms. */
    String join(String room, long id);

    /** A message to {@code room} whose content is the send time, without a reply. */
    String say(String room, long sentNanos);

    /** A request about {@code room} answered with a reply carrying {@code id}. */
    String request(String room, long id);

    Incoming read(String text);

    /** The integer after {@code key} in {@code text}, or -1. */
    static long numberAfter(String text, String key, int from) {
        int at = text.indexOf(key, from);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        long value = 0;
        boolean digits = false;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits = true;
        }
        return digits ? value : -1;
    }

    static Peer named(String name) {
        return switch (name) {
            case "switchboard" -> new SwitchboardPeer();
            case "socketio" -> new SocketIoPeer();
            case "actionhero" -> new ActionheroPeer();
            case "floor" -> new FloorPeer();
            default -> throw new IllegalArgumentException("unknown peer " + name
                    + "; expected switchboard, socketio, actionhero or floor");
        };
    }

    /**
     * Switchboard's protocol v1 (docs/protocol.md). Messages are said without an id: no reply. A
     * connection authenticates as a guest when its {@code welcome} comes (the bench runs Switchboard with
     * {@code switchboard.auth.guest=true}; speaking needs auth), before anything else is sent on it.
     */
    final class SwitchboardPeer implements Peer {
        private static final Incoming WELCOMED = new Incoming(Kind.READY, 0,
                "{\"type\":\"method\",\"method\":\"auth\",\"params\":{\"user\":\"bench\"}}");

        @Override
        public String name() {
            return "switchboard";
        }

        /**
         * It asks for presence diffs, as the product's Java and browser clients do: a room's {@code join} and {@code leave}
         * events of a short period come as one {@code presenceDiff} frame (docs/protocol.md).
         */
        @Override
        public String path() {
            return "/switchboard/socket?presence=diff";
        }

        @Override
        public String join(String room, long id) {
            return "{\"type\":\"method\",\"id\":" + id + ",\"method\":\"roomAdd\",\"params\":{\"room\":\"" + room + "\"}}";
        }

        @Override
        public String say(String room, long sentNanos) {
            return "{\"type\":\"method\",\"method\":\"say\",\"params\":{\"room\":\"" + room + "\",\"message\":" + sentNanos + "}}";
        }

        @Override
        public String request(String room, long id) {
            return "{\"type\":\"method\",\"id\":" + id + ",\"method\":\"roomView\",\"params\":{\"room\":\"" + room + "\"}}";
        }

        @Override
        public Incoming read(String text) {
            if (text.startsWith("{\"type\":\"reply\"")) {
                return new Incoming(Kind.REPLY, numberAfter(text, "\"id\":", 0), null);
            }
            if (text.startsWith("{\"type\":\"event\",\"event\":\"say\"")) {
                return new Incoming(Kind.SAY, numberAfter(text, "\"message\":", 0), null);
            }
            if (text.startsWith("{\"type\":\"event\",\"event\":\"welcome\"")) {
                return WELCOMED;
            }
            return Incoming.OTHER;
        }
    }

    /**
     * Socket.IO 4 over its WebSocket transport (Engine.IO 4 framing): {@code 0} open → {@code 40}
     * connect; {@code 2} ping → {@code 3}; {@code 42[...]} event, {@code 42<id>[...]} with ack,
     * {@code 43<id>[...]} the ack. The app is {@code bench/peers/socketio-server.js}.
     */
    final class SocketIoPeer implements Peer {
        @Override
        public String name() {
            return "socketio";
        }

        @Override
        public String path() {
            return "/socket.io/?EIO=4&transport=websocket";
        }

        @Override
        public String join(String room, long id) {
            return "42" + id + "[\"join\",\"" + room + "\"]";
        }

        @Override
        public String say(String room, long sentNanos) {
            return "42[\"say\",{\"room\":\"" + room + "\",\"message\":" + sentNanos + "}]";
        }

        @Override
        public String request(String room, long id) {
            return "42" + id + "[\"view\",\"" + room + "\"]";
        }

        @Override
        public Incoming read(String text) {
            if (text.startsWith("42[\"say\"")) {
                return new Incoming(Kind.SAY, numberAfter(text, "\"message\":", 0), null);
            }
            if (text.startsWith("43")) {
                return new Incoming(Kind.REPLY, numberAfter(text, "43", 0), null);
            }
            if (text.equals("2")) {
                return new Incoming(Kind.OTHER, 0, "3");
            }
            if (text.startsWith("40")) {
                return Incoming.READY;
            }
            if (text.startsWith("0")) {
                return new Incoming(Kind.OTHER, 0, "40");
            }
            return Incoming.OTHER;
        }
    }

    /**
     * actionhero 29's WebSocket server (Primus on {@code ws}): JSON frames with an {@code event} verb;
     * responses carry the {@code messageId} the client sent; chat arrives with {@code context: user};
     * Primus pings as the string {@code primus::ping::<t>} and wants {@code primus::pong::<t>}. The app
     * is {@code bench/peers/actionhero}.
     */
    final class ActionheroPeer implements Peer {
        @Override
        public String name() {
            return "actionhero";
        }

        @Override
        public String path() {
            return "/primus";
        }

        @Override
        public String join(String room, long id) {
            return "{\"event\":\"roomAdd\",\"room\":\"" + room + "\",\"messageId\":" + id + "}";
        }

        @Override
        public String say(String room, long sentNanos) {
            return "{\"event\":\"say\",\"room\":\"" + room + "\",\"message\":" + sentNanos + "}";
        }

        @Override
        public String request(String room, long id) {
            return "{\"event\":\"roomView\",\"room\":\"" + room + "\",\"messageId\":" + id + "}";
        }

        @Override
        public Incoming read(String text) {
            if (text.startsWith("\"primus::ping::")) {
                return new Incoming(Kind.OTHER, 0, "\"primus::pong::" + text.substring("\"primus::ping::".length()));
            }
            if (text.contains("\"context\":\"user\"")) { // actionhero sends the message as a string
                return new Incoming(Kind.SAY, numberAfter(text, "\"message\":\"", 0), null);
            }
            if (text.contains("\"context\":\"response\"")) {
                return new Incoming(Kind.REPLY, numberAfter(text, "\"messageId\":", 0), null);
            }
            if (text.contains("\"welcome\"")) {
                return Incoming.READY;
            }
            return Incoming.OTHER;
        }
    }

    /**
     * The floor: {@code bench/floor}, a bare endpoint that sends every frame unchanged to every session of the sender's
     * room (everyone before a join), echoes frames starting with {@code ?} to their sender, and joins
     * {@code +room ?reply} to its room (one at most), answering {@code ?reply}.
     */
    final class FloorPeer implements Peer {
        @Override
        public String name() {
            return "floor";
        }

        @Override
        public String path() {
            return "/floor/floor";
        }

        @Override
        public boolean readyOnHandshake() {
            return true;
        }

        @Override
        public String join(String room, long id) {
            return "+" + room + " ?{\"id\":" + id + "}";
        }

        @Override
        public String say(String room, long sentNanos) {
            return "{\"type\":\"event\",\"event\":\"say\",\"data\":{\"room\":\"" + room + "\",\"message\":" + sentNanos + "}}";
        }

        @Override
        public String request(String room, long id) {
            return "?{\"id\":" + id + "}";
        }

        @Override
        public Incoming read(String text) {
            if (text.startsWith("?")) {
                return new Incoming(Kind.REPLY, numberAfter(text, "\"id\":", 0), null);
            }
            return new Incoming(Kind.SAY, numberAfter(text, "\"message\":", 0), null);
        }
    }
}
