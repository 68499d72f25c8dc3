package dev.switchboard.server;

import dev.switchboard.verbs.Inbound;
import dev.switchboard.verbs.InboundReader;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/**
 * The endpoints' decoder: a text frame to an {@link Inbound} — a call, or why it is none. The container makes
 * one per connection (Jakarta WebSocket: "a new instance of the decoder per endpoint instance per connection"),
 * so it holds the connection's {@link InboundReader}: the size and rate checks that come before the JSON is
 * parsed. It never throws: a refusal is a value the dispatcher answers in its turn.
 */
public final class CallDecoder implements Decoder.Text<Inbound> {

    private InboundReader reader;

    @Override
    public void init(EndpointConfig config) {
        reader = CDI.current().select(Connections.class).get().reader();
    }

    @Override
    public Inbound decode(String text) {
        return reader.read(text);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
