package dev.switchboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's connections: Netty WebSocket clients on one event loop group (epoll where there is
 * one), connected in batches, with source addresses spread over 127.0.0.x so that more connections
 * fit than one address has ephemeral ports.
 */
final class Clients implements AutoCloseable {

    /** Connections per source address: below the 28,232 ephemeral ports of one address. */
    static final int PER_SOURCE_ADDRESS = 20_000;
    private static final int BATCH = 250;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final Peer peer;

    Clients(String host, int port, Peer peer, int threads) {
        this.host = host;
        this.port = port;
        this.peer = peer;
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    /** Opens {@code count} connections and waits until every one is ready (welcome or handshake). */
    List<Conn> open(int count, Conn.Listener listener, Duration timeout) throws InterruptedException {
        return open(0, count, listener, timeout);
    }

    /** The same, numbering the connections from {@code first} (a second server's clients follow the first's). */
    List<Conn> open(int first, int count, Conn.Listener listener, Duration timeout) throws InterruptedException {
        URI uri = URI.create("ws://" + host + ":" + port + peer.path());
        List<Conn> conns = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int start = 0; start < count; start += BATCH) {
            int end = Math.min(count, start + BATCH);
            for (int i = start; i < end; i++) {
                Conn conn = new Conn(first + i, peer, listener);
                conns.add(conn);
                InetSocketAddress source = new InetSocketAddress("127.0.0." + (2 + i / PER_SOURCE_ADDRESS), 0);
                bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).version(WebSocketVersion.V13).maxFramePayloadLength(1 << 22)
                                .handshakeTimeoutMillis(30_000).dropPongFrames(true).build();
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config), conn);
                    }
                }).connect(new InetSocketAddress(host, port), source).addListener(connected -> {
                    if (!connected.isSuccess()) {
                        conn.failed();
                    }
                });
            }
            for (int i = start; i < end; i++) {
                while (!conns.get(i).isReady()) {
                    if (conns.get(i).isClosed()) {
                        throw new IllegalStateException("connection " + i + " of " + count + " to " + uri + " closed before it was ready");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("connection " + i + " of " + count + " not ready in " + timeout);
                    }
                    Thread.onSpinWait();
                    Thread.sleep(1);
                }
            }
        }
        return conns;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
