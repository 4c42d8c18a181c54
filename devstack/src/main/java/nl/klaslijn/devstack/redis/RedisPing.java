package nl.klaslijn.devstack.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One raw RESP request over a fresh loopback socket: enough to probe readiness without a client library. */
final class RedisPing {

    private RedisPing() {}

    /** Whether a server on {@code port} answers {@code PING} with {@code +PONG} within {@code timeout}. */
    static boolean answers(int port, Duration timeout) {
        try {
            return command(port, timeout, "PING").equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one inline command and returns the first line of the reply, without its CRLF. */
    static String command(int port, Duration timeout, String inlineCommand) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.max(1, timeout.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
