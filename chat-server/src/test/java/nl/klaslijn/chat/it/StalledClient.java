package nl.klaslijn.chat.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A phone that stops reading: a raw WebSocket client with a tiny receive buffer that connects, subscribes,
 * and then never reads again, so the server's outbound queue for it fills up.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    StalledClient(int port, String token) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        out.write(("GET /stomp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: v12.stomp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String response = readUntil("\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + response);
        }
        sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
        readUntil("\0");
        sendText("SUBSCRIBE\nid:s1\ndestination:/user/events\nreceipt:r1\n\n\0");
        readUntil("\0");
    }

    /** Sends one masked text frame, as a client must. */
    private void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private String readUntil(String end) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed while reading: " + seen);
            }
            seen.append((char) b);
        }
        return seen.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
