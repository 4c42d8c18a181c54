package nl.klaslijn.devstack.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} binary and its version.
 *
 * <p>{@link #locate()} prefers Debian's package (the first {@code redis-server} on {@code PATH}, else
 * {@code /usr/bin/redis-server}); when neither exists (a fresh machine, CI) it extracts the binary the
 * {@code embedded-redis} artifact ships (Redis 6.2, no sharded pub/sub) under {@code java.io.tmpdir}.
 */
public record RedisExecutable(Path path, String version) {

    private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Path DEBIAN = Path.of("/usr/bin/redis-server");

    /** The binary to use on this machine; the result is computed once per JVM. */
    public static RedisExecutable locate() {
        return Located.INSTANCE;
    }

    /** The binary at {@code path}, its version read from {@code redis-server --version}. */
    public static RedisExecutable of(Path path) {
        return new RedisExecutable(path, readVersion(path));
    }

    /** The major version, e.g. 7 for "7.0.15". */
    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** Whether this server has sharded pub/sub (SPUBLISH, SSUBSCRIBE): Redis 7 and later. */
    public boolean supportsShardedPubSub() {
        return majorVersion() >= 7;
    }

    private static final class Located {
        static final RedisExecutable INSTANCE = of(find());
    }

    private static Path find() {
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        if (Files.isExecutable(DEBIAN)) {
            return DEBIAN;
        }
        try {
            return ExecutableProvider.newJarResourceProvider().get().toPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the redis-server binary of embedded-redis", e);
        }
    }

    private static String readVersion(Path path) {
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                throw new IllegalStateException(path + " --version printed no version: " + output.strip());
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + path + " for its version", e);
        }
    }
}
