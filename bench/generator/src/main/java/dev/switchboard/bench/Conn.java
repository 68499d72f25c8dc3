package dev.switchboard.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** One generated client: reads frames through its peer's protocol and tells the scenario. */
final class Conn extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** What a scenario hears from its connections (on Netty's threads: keep it short). */
    interface Listener {
        void ready(Conn conn);

        void reply(Conn conn, long id);

        void say(Conn conn, long sentNanos);
    }

    final int index;
    private final Peer peer;
    private final Listener listener;
    private volatile Channel channel;
    private volatile boolean ready;
    private volatile boolean closed;

    Conn(int index, Peer peer, Listener listener) {
        this.index = index;
        this.peer = peer;
        this.listener = listener;
    }

    boolean isReady() {
        return ready;
    }

    boolean isClosed() {
        return closed;
    }

    void send(String text) {
        Channel open = channel;
        if (open != null && open.isActive()) {
            open.writeAndFlush(new TextWebSocketFrame(text), open.voidPromise());
        }
    }

    void close() {
        Channel open = channel;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        channel = context.channel();
        super.channelActive(context);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE && peer.readyOnHandshake()) {
            markReady();
        }
        super.userEventTriggered(context, event);
    }

    private void markReady() {
        if (!ready) {
            ready = true;
            listener.ready(this);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        Peer.Incoming incoming = peer.read(text.text());
        if (incoming.answer() != null) {
            send(incoming.answer());
        }
        switch (incoming.kind()) {
            case READY -> markReady();
            case REPLY -> listener.reply(this, incoming.value());
            case SAY -> listener.say(this, incoming.value());
            case OTHER -> {
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        closed = true;
        super.channelInactive(context);
    }

    /** The connection could not be made. */
    void failed() {
        closed = true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        closed = true;
        context.close();
    }
}
