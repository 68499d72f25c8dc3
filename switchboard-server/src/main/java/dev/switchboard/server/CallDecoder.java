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

    /**
     * The application's connections (their client proxy), looked up once: {@code CDI.current().select} resolves the
     * bean anew on each call, ~2 % of the samples in a profile of a connect storm (docs/performance.md). The class is
     * the deployment's, so a redeployment looks it up again.
     */
    private static volatile Connections connections;

    private InboundReader reader;

    @Override
    public void init(EndpointConfig config) {
        Connections known = connections;
        if (known == null) {
            known = CDI.current().select(Connections.class).get();
            connections = known;
        }
        reader = known.reader();
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
