package dev.switchboard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client library will not do: stop
 * reading, never answer a ping, send any header. It reads only when told to.
 */
public final class RawSocket implements AutoCloseable {

    /** One frame as it came: its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        public static final int TEXT = 1;
        public static final int CLOSE = 8;
        public static final int PING = 9;

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | (payload[1] & 0xff) : 1005;
        }

        /** The reason of a close frame. */
        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int status;

    private RawSocket(URI uri, Map<String, String> headers, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(uri.getRawPath()).append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort())
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
                .append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead();
        status = Integer.parseInt(head.substring(9, 12));
    }

    /** Opens a connection with these extra headers; {@link #status()} says how the handshake went. */
    public static RawSocket open(URI uri, Map<String, String> headers) {
        return open(uri, headers, 0);
    }

    /** The same with a small receive buffer, so that a reader that stops is felt soon. */
    public static RawSocket open(URI uri, Map<String, String> headers, int receiveBuffer) {
        try {
            return new RawSocket(uri, headers, receiveBuffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP status of the handshake: 101 when upgraded. */
    public int status() {
        return status;
    }

    /** Sends a text frame (masked, as a client must). */
    public void sendText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends bytes as they are: frames no WebSocket library would write. */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the next frame, waiting at most the test timeout; pings are returned, never answered. */
    public Frame read() {
        try {
            int first = in.read();
            if (first < 0) {
                throw new EOFException("the server closed the socket");
            }
            int second = readByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = (long) readByte() << 8 | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | readByte();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("the server closed the socket in a frame");
            }
            return new Frame(first & 0x0f, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until a close frame or the end of the stream; the close frame, or {@code null} at a bare end. */
    public Frame readUntilClosed(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Frame frame = read();
                if (frame.opcode() == Frame.CLOSE) {
                    return frame;
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof SocketTimeoutException) {
                    continue;
                }
                return null;
            }
        }
        throw new AssertionError("the server did not close the socket within " + atMost);
    }

    /** The local port of this client's socket (to find the server's side of the connection). */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Drops the connection with a TCP reset (no close frame, no FIN): a client that crashed or lost its network. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // resetting a test socket: nothing to do
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket: nothing to do
        }
    }

    private int readByte() throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new EOFException("the server closed the socket in a frame");
        }
        return value;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = readByte();
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
