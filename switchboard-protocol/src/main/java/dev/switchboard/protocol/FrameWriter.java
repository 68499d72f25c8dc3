package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes the frames of the hot paths — replies and events whose {@code data} is one of the protocol's own values
 * ({@code roomView}, {@code say}, presence, join, pong, the connection's details in {@code welcome}, …) or JSON-P —
 * straight to a JSON-P generator, in the order and with the {@code null}s of JSON-B's default mapping of the same
 * records ({@link
 * jakarta.json.bind.annotation.JsonbPropertyOrder}, {@code withNullValues}), so the wire text is the same. The default
 * mapping finds a record's properties by reflection and walks them through a chain of serializers per value
 * ({@code CodecCost} in {@code bench/generator} times both; docs/performance.md); {@code JsonbSerializer}s for these
 * types, tried first, still paid JSON-B's context per frame (a {@code roomView} reply 2.9 → 2.1 µs in the same loop,
 * against 1.8 with the generator alone). A frame with anything else in its {@code data} — an action's result,
 * an application's record — is left to the default mapping.
 */
final class FrameWriter {

    private FrameWriter() {
    }

    /**
     * The JSON text of a frame written straight to a JSON-P generator, without JSON-B at all, when the frame and its
     * {@code data} are all of this class's types or JSON-P values; or null, for the default mapping to write it.
     */
    static String direct(Frame frame, JsonGeneratorFactory generators) {
        if (!(frame instanceof Reply) && !(frame instanceof Event)) {
            return null;
        }
        Object data = frame instanceof Reply reply ? reply.data() : ((Event) frame).data();
        if (data != null && !(data instanceof JsonValue) && !WRITERS.containsKey(data.getClass())) {
            return null;
        }
        FrameText text = new FrameText();
        try (JsonGenerator out = generators.createGenerator(text)) {
            if (frame instanceof Reply reply) {
                writeReply(out, reply);
            } else {
                writeEvent(out, (Event) frame);
            }
        }
        return text.toString();
    }

    /** How each of the protocol's own values is written, by its class (records: no subclasses). */
    private static final Map<Class<?>, BiConsumer<JsonGenerator, Object>> WRITERS = Map.ofEntries(
            writer(RoomView.class, FrameWriter::writeRoomView), writer(SayMessage.class, FrameWriter::writeSayMessage),
            writer(SayResult.class, FrameWriter::writeSayResult), writer(Presence.class, FrameWriter::writePresence),
            writer(JoinResult.class, FrameWriter::writeJoinResult), writer(LeaveResult.class, FrameWriter::writeLeaveResult),
            writer(Pong.class, FrameWriter::writePong), writer(Failure.class, FrameWriter::writeFailure),
            writer(RoomMember.class, FrameWriter::writeMember), writer(Peer.class, FrameWriter::writePeer),
            writer(Position.class, FrameWriter::writePosition), writer(Details.class, FrameWriter::writeDetails),
            writer(Limits.class, FrameWriter::writeLimits));

    private static <T> Map.Entry<Class<?>, BiConsumer<JsonGenerator, Object>> writer(Class<T> type,
            BiConsumer<JsonGenerator, T> write) {
        return Map.entry(type, (out, value) -> write.accept(out, type.cast(value)));
    }

    /** A frame's {@code data}, which {@link #direct} has checked is null, JSON-P or one of {@link #WRITERS}. */
    private static void writeData(JsonGenerator out, Object value) {
        if (value == null) {
            out.writeNull("data");
        } else if (value instanceof JsonValue json) {
            out.write("data", json);
        } else {
            out.writeKey("data");
            WRITERS.get(value.getClass()).accept(out, value);
        }
    }

    private static void writeReply(JsonGenerator out, Reply reply) {
        out.writeStartObject();
        writeString(out, "type", reply.type());
        writeId(out, reply.id());
        writeObject(out, "error", reply.error(), FrameWriter::writeFailure);
        writeData(out, reply.data());
        out.writeEnd();
    }

    private static void writeEvent(JsonGenerator out, Event event) {
        out.writeStartObject();
        writeString(out, "type", event.type());
        writeString(out, "event", event.event());
        writeData(out, event.data());
        out.writeEnd();
    }

    private static void writeRoomView(JsonGenerator out, RoomView view) {
        out.writeStartObject();
        writeString(out, "room", view.room());
        out.write("membersCount", view.membersCount());
        writeList(out, "members", view.members(), FrameWriter::writeMember);
        out.writeEnd();
    }

    private static void writeSayMessage(JsonGenerator out, SayMessage say) {
        out.writeStartObject();
        writeString(out, "room", say.room());
        writeObject(out, "from", say.from(), FrameWriter::writePeer);
        writeValue(out, "message", say.message());
        writeString(out, "messageId", say.messageId());
        out.write("sentAt", say.sentAt());
        out.writeEnd();
    }

    private static void writeSayResult(JsonGenerator out, SayResult result) {
        out.writeStartObject();
        writeString(out, "room", result.room());
        writeString(out, "messageId", result.messageId());
        out.write("sentAt", result.sentAt());
        writeObject(out, "position", result.position(), FrameWriter::writePosition);
        out.write("repeated", result.repeated());
        out.writeEnd();
    }

    private static void writeJoinResult(JsonGenerator out, JoinResult result) {
        out.writeStartObject();
        writeString(out, "room", result.room());
        out.write("joined", result.joined());
        out.write("membersCount", result.membersCount());
        if (result.recovered() == null) {
            out.writeNull("recovered");
        } else {
            out.write("recovered", result.recovered());
        }
        writeString(out, "reason", result.reason());
        out.writeEnd();
    }

    private static void writeLeaveResult(JsonGenerator out, LeaveResult result) {
        out.writeStartObject();
        writeString(out, "room", result.room());
        out.writeEnd();
    }

    private static void writePresence(JsonGenerator out, Presence presence) {
        out.writeStartObject();
        writeString(out, "room", presence.room());
        writeObject(out, "member", presence.member(), FrameWriter::writePeer);
        out.write("at", presence.at());
        out.writeEnd();
    }

    /** The {@code welcome} event's data (every connection's first frame) and the {@code detailsView} reply's. */
    private static void writeDetails(JsonGenerator out, Details details) {
        out.writeStartObject();
        writeString(out, "id", details.id());
        writeString(out, "fingerprint", details.fingerprint());
        writeString(out, "remoteAddress", details.remoteAddress());
        out.write("connectedAt", details.connectedAt());
        writeList(out, "rooms", details.rooms(), JsonGenerator::write);
        writeString(out, "user", details.user());
        out.write("messagesIn", details.messagesIn());
        out.write("messagesOut", details.messagesOut());
        writeObject(out, "limits", details.limits(), FrameWriter::writeLimits);
        out.writeEnd();
    }

    private static void writeLimits(JsonGenerator out, Limits limits) {
        out.writeStartObject();
        out.write("framesPerSecond", limits.framesPerSecond());
        out.write("burst", limits.burst());
        out.write("maxFrameBytes", limits.maxFrameBytes());
        out.writeEnd();
    }

    private static void writePong(JsonGenerator out, Pong pong) {
        out.writeStartObject();
        out.write("time", pong.time());
        out.writeEnd();
    }

    /** An id as it came: a {@link Long} as a number, a {@link String} as a string (see {@link Call#requireId}). */
    private static void writeId(JsonGenerator out, Object id) {
        if (id instanceof Long number) {
            out.write("id", number.longValue());
        } else if (id instanceof String text) {
            out.write("id", text);
        } else {
            out.writeNull("id");
        }
    }

    private static void writeValue(JsonGenerator out, String name, JsonValue value) {
        if (value == null) {
            out.writeNull(name);
        } else {
            out.write(name, value);
        }
    }

    /** An object member as JSON-B maps it: {@code null} itself, or the value as {@code write} writes it. */
    private static <T> void writeObject(JsonGenerator out, String name, T value, BiConsumer<JsonGenerator, T> write) {
        if (value == null) {
            out.writeNull(name);
        } else {
            out.writeKey(name);
            write.accept(out, value);
        }
    }

    /** A list as JSON-B maps it: {@code null} itself, or an array with its {@code null}s. */
    private static <T> void writeList(JsonGenerator out, String name, List<T> values, BiConsumer<JsonGenerator, T> each) {
        if (values == null) {
            out.writeNull(name);
            return;
        }
        out.writeStartArray(name);
        for (T value : values) {
            if (value == null) {
                out.writeNull();
            } else {
                each.accept(out, value);
            }
        }
        out.writeEnd();
    }

    private static void writeString(JsonGenerator out, String name, String value) {
        if (value == null) {
            out.writeNull(name);
        } else {
            out.write(name, value);
        }
    }

    private static void writeFailure(JsonGenerator out, Failure failure) {
        out.writeStartObject();
        out.write("code", failure.code().name());
        out.write("message", failure.message());
        out.writeEnd();
    }

    private static void writeMember(JsonGenerator out, RoomMember member) {
        out.writeStartObject();
        writeString(out, "id", member.id());
        writeString(out, "user", member.user());
        out.write("joinedAt", member.joinedAt());
        out.writeEnd();
    }

    private static void writePeer(JsonGenerator out, Peer peer) {
        out.writeStartObject();
        writeString(out, "id", peer.id());
        writeString(out, "user", peer.user());
        out.writeEnd();
    }

    private static void writePosition(JsonGenerator out, Position position) {
        out.writeStartObject();
        writeString(out, "epoch", position.epoch());
        out.write("offset", position.offset());
        out.writeEnd();
    }

    /**
     * Where a frame's text is written. The generator keeps the text in its own buffer and hands it over in one piece
     * (more only when it outgrows that buffer), so one piece becomes the frame's string at once; a {@code StringWriter}
     * would copy it into a buffer that grows from its first size and copy it again for {@code toString()}.
     */
    static final class FrameText extends Writer {

        private String first;
        private StringBuilder more;

        @Override
        public void write(char[] chars, int offset, int length) {
            if (more != null) {
                more.append(chars, offset, length);
            } else if (first == null) {
                first = new String(chars, offset, length);
            } else {
                more = new StringBuilder(first.length() + length + 256).append(first).append(chars, offset, length);
                first = null;
            }
        }

        @Override
        public void write(String text, int offset, int length) {
            write(text.toCharArray(), offset, length); // the generator does not call it; kept correct, not fast
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return more != null ? more.toString() : first != null ? first : "";
        }
    }
}
