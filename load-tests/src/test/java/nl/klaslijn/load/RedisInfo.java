package nl.klaslijn.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code INFO commandstats} of the Redis at 127.0.0.1:{@code bench.redisPort} over a plain socket (RESP), to
 * count publish calls ({@code cmdstat_publish}, {@code cmdstat_spublish}) at the phase boundaries.
 */
final class RedisInfo {

    private RedisInfo() {}

    /** calls per command (e.g. "publish" -> 1234); empty when the port is 0 or Redis cannot be read. */
    static Map<String, Long> commandCalls(int port) {
        Map<String, Long> calls = new TreeMap<>();
        if (port <= 0) {
            return calls;
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder header = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return calls;
                }
                header.append((char) c);
            }
            int length = Integer.parseInt(header.toString().trim().substring(1));
            byte[] body = in.readNBytes(length);
            for (String line : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
                // cmdstat_publish:calls=12,usec=34,usec_per_call=2.83,...
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring(8, line.indexOf(':'));
                    int from = line.indexOf("calls=") + 6;
                    int to = line.indexOf(',', from);
                    calls.put(name, Long.parseLong(line.substring(from, to)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable: reported as missing
        }
        return calls;
    }
}
