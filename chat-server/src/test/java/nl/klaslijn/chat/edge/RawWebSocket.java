package nl.klaslijn.chat.edge;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A raw WebSocket client on a plain socket, for flood tests: it writes exactly the bytes it is told to (many
 * frames in one write, so they reach the server in one read) and reads only when told to, so a test can play
 * a client that stops reading. The receive buffer is small, so the kernel absorbs little of what the server sends.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** One frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a STOMP frame: the value of a header, or null. */
        public @Nullable String header(String name) {
            for (String line : text().split("\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.startsWith(name + ":")) {
                    return line.substring(name.length() + 1);
                }
            }
            return null;
        }

        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and upgrades to WebSocket on {@code /stomp}. */
    public static RawWebSocket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        RawWebSocket ws = new RawWebSocket(socket);
        ws.write(("GET /stomp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: v12.stomp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            head.append((char) ws.in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return ws;
    }

    /** CONNECT with the token (no heart-beats); returns the answer (CONNECTED or ERROR). */
    public Frame connect(String token) throws IOException {
        write(text("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0"));
        return nextText();
    }

    /** A masked text frame, as a client must send it. */
    public static byte[] text(String text) {
        return frame(0x80 | TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked ping with this payload (at most 125 bytes). */
    public static byte[] ping(byte[] payload) {
        return frame(0x80 | PING, payload);
    }

    private static byte[] frame(int first, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(first);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            throw new IllegalArgumentException("test frames stay below 64 KiB");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Concatenates frames, so one write puts them all on the wire at once. */
    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return all.toByteArray();
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame from the server, or null at the end of the stream. */
    public @Nullable Frame read() throws IOException {
        int first;
        try {
            first = in.readUnsignedByte();
        } catch (EOFException e) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** The next text frame that is not a heart-beat, skipping pongs and pings; null at the end of the stream. */
    public @Nullable Frame nextText() throws IOException {
        for (Frame f; (f = read()) != null; ) {
            if (f.opcode() == CLOSE || (f.opcode() == TEXT && !f.text().isBlank())) {
                return f;
            }
        }
        return null;
    }

    /** Reads until the server's ERROR frame; null if the stream ends (or a close comes) without one. */
    public @Nullable Frame untilError() throws IOException {
        for (Frame f; (f = nextText()) != null; ) {
            if (f.opcode() == CLOSE) {
                return null;
            }
            if (f.text().startsWith("ERROR\n")) {
                return f;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
