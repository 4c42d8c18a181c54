package nl.klaslijn.devstack.cassandra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of log files, for error messages. */
final class LogTail {

    private static final int MAX_BYTES = 32 * 1024;

    private LogTail() {}

    /** The last {@code lines} lines of each existing file, each under a header naming the file. */
    static String of(int lines, Path... files) {
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<String> tail = lastLines(file, lines);
            out.append("\n---- last ").append(tail.size()).append(" lines of ").append(file).append(" ----\n");
            tail.forEach(line -> out.append(line).append('\n'));
        }
        return out.isEmpty() ? "\n(no log output)" : out.toString();
    }

    static List<String> lastLines(Path file, int lines) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int length = (int) Math.min(size, MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read the tail fully
            }
            String[] all = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n");
            return Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }
}
