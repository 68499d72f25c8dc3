package dev.switchboard.rooms;

import dev.switchboard.protocol.Position;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@link RoomMessages} needs of a room message's frame — its event's name, its {@code messageId} and {@code sentAt}
 * — read in one streaming pass, and the frame with its position put in, spliced into the text instead of the frame
 * being parsed into a tree, rebuilt and written again (a third of a {@code say}'s own cost in a profile of rooms of 10).
 *
 * <p>It reads an event object whose last member is its {@code data} object, with no {@code position} in it yet, no
 * key twice in either, and nothing after the closing braces; anything else (not JSON, nested past the parser's limit, …)
 * gives {@code null}, and the caller takes the tree's way. For a frame as Switchboard's encoder writes it — every room
 * frame is one: a {@code say}, an application's event, from this node or another — the splice gives the same text as
 * the tree did (the tree kept the members' order and put {@code position} last; the encoder writes values as the tree
 * writes them). Text the encoder does not write (spaces between tokens, escapes it would not use, numbers in another
 * form) is kept as it is, where the tree would have written it anew.
 *
 * @param event the event's name, or {@code null} when it has none (or not a string)
 * @param messageId the data's {@code messageId}, or {@code null} when it has none (or not a string)
 * @param sentAt the data's {@code sentAt}, or 0 when it has none (or not a number)
 * @param frame the frame with {@code "position":{…}} as the last member of its data
 */
record RoomFrame(String event, String messageId, long sentAt, String frame) {

    /** Made once: {@code Json.createParser} looks the JSON provider up (a ServiceLoader scan) on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /** The frame read and given its position, or {@code null} when it is not one this reads (see the class). */
    static RoomFrame of(String frame, Position position) {
        if (!frame.startsWith("{") || !frame.endsWith("}}")) {
            return null;
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(frame))) {
            return read(parser, frame, position);
        } catch (RuntimeException e) { // JsonException, or Parsson's own past its nesting limit, as FrameCodec.parse
            return null; // not JSON, cut short or too deep: not one of the encoder's
        }
    }

    private static RoomFrame read(JsonParser parser, String frame, Position position) {
        if (parser.next() != Event.START_OBJECT) {
            return null;
        }
        Set<String> keys = new HashSet<>(8);
        String event = null;
        String messageId = null;
        long sentAt = 0;
        boolean dataLast = false;
        boolean dataEmpty = true;
        Event next;
        while ((next = parser.next()) == Event.KEY_NAME) {
            String key = parser.getString();
            if (!keys.add(key)) {
                return null;
            }
            Event value = parser.next();
            dataLast = false;
            if (key.equals("event")) {
                event = value == Event.VALUE_STRING ? parser.getString() : null;
                skip(parser, value);
            } else if (key.equals("data") && value == Event.START_OBJECT) {
                dataLast = true;
                Set<String> dataKeys = new HashSet<>(16);
                while ((next = parser.next()) == Event.KEY_NAME) {
                    String dataKey = parser.getString();
                    if (!dataKeys.add(dataKey) || dataKey.equals("position")) {
                        return null;
                    }
                    dataEmpty = false;
                    Event dataValue = parser.next();
                    if (dataKey.equals("messageId")) {
                        messageId = dataValue == Event.VALUE_STRING ? parser.getString() : null;
                    } else if (dataKey.equals("sentAt")) {
                        sentAt = dataValue == Event.VALUE_NUMBER ? parser.getBigDecimal().longValue() : 0;
                    }
                    skip(parser, dataValue);
                }
                if (next != Event.END_OBJECT) {
                    return null;
                }
            } else {
                skip(parser, value);
            }
        }
        if (next != Event.END_OBJECT || !dataLast || parser.hasNext()) {
            return null;
        }
        // the data object ends right before the event's closing brace: the frame ends "}}" with nothing between
        int close = frame.length() - 2;
        String spliced = frame.substring(0, close) + (dataEmpty ? "" : ",") + "\"position\":" + position.toJsonText()
                + frame.substring(close);
        return new RoomFrame(event, messageId, sentAt, spliced);
    }

    /** Past the value that begins with {@code value}: an object or an array whole, counted by its events. */
    private static void skip(JsonParser parser, Event value) {
        if (value != Event.START_OBJECT && value != Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            Event next = parser.next();
            if (next == Event.START_OBJECT || next == Event.START_ARRAY) {
                depth++;
            } else if (next == Event.END_OBJECT || next == Event.END_ARRAY) {
                depth--;
            }
        }
    }
}
