package nl.klaslijn.devstack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real redis-server processes: each test launches its own (Debian's binary where installed, else embedded-redis's). */
class RedisServerIT {

    private static final Duration SHORT = Duration.ofMillis(500);

    private final RedisServer server = RedisServer.onFreePort();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void startsOnAFreeLoopbackPortAndAnswersPing() {
        server.start();

        assertThat(server.port()).isPositive();
        assertThat(server.isRunning()).isTrue();
        assertThat(RedisPing.answers(server.port(), SHORT)).isTrue();
    }

    @Test
    void runsWithoutPersistence() throws IOException {
        server.start();

        assertThat(RedisPing.command(server.port(), SHORT, "CONFIG GET save")).isEqualTo("*2");
        assertThat(configValue("save")).isEmpty();
        assertThat(configValue("appendonly")).isEqualTo("no");
    }

    @Test
    void restartsOnTheSamePortWithoutTheOldData() throws IOException {
        server.start();
        int port = server.port();
        assertThat(RedisPing.command(port, SHORT, "SET klaslijn-it 1")).isEqualTo("+OK");

        server.restart();

        assertThat(server.port()).isEqualTo(port);
        assertThat(RedisPing.answers(port, SHORT)).isTrue();
        assertThat(RedisPing.command(port, SHORT, "EXISTS klaslijn-it")).isEqualTo(":0");
    }

    @Test
    void killEndsTheProcessAndItCanStartAgain() {
        server.start();
        int port = server.port();

        server.kill();

        assertThat(server.isRunning()).isFalse();
        assertThat(RedisPing.answers(port, SHORT)).isFalse();
        server.start();
        assertThat(server.port()).isEqualTo(port);
        assertThat(RedisPing.answers(port, SHORT)).isTrue();
    }

    @Test
    void freezeStopsAnswersUntilResumed() {
        server.start();

        server.freeze();
        assertThat(server.isRunning()).isTrue();
        assertThat(RedisPing.answers(server.port(), Duration.ofMillis(300))).isFalse();

        server.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> RedisPing.answers(server.port(), SHORT));
    }

    @Test
    void stopsAFrozenServer() {
        server.start();
        server.freeze();

        server.stop();

        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void reportsShardedPubSubExactlyWhenTheServerHasIt() throws IOException {
        server.start();

        String reply = RedisPing.command(server.port(), SHORT, "SPUBLISH klaslijn-it hello");

        assertThat(server.supportsShardedPubSub()).isEqualTo(reply.equals(":0"));
        assertThat(server.supportsShardedPubSub()).isEqualTo(server.executable().majorVersion() >= 7);
    }

    @Test
    void sharedServerIsStartedOnceAndAnswers() {
        RedisServer shared = TestRedis.shared();

        assertThat(TestRedis.shared()).isSameAs(shared);
        assertThat(RedisPing.answers(shared.port(), SHORT)).isTrue();
    }

    /** The value line of a two-element CONFIG GET reply, read over one raw connection. */
    private String configValue(String name) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(("CONFIG GET " + name + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            reader.readLine(); // *2
            reader.readLine(); // $len
            reader.readLine(); // name
            reader.readLine(); // $len
            return reader.readLine();
        }
    }
}
