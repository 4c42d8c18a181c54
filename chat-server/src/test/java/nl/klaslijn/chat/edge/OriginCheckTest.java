package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class OriginCheckTest {

    private static EmbeddedChannel channel(List<String> allowed) {
        return new EmbeddedChannel(new OriginCheck(EdgeSettings.builder().allowedOrigins(allowed).build()));
    }

    private static FullHttpRequest request(@Nullable String origin) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/stomp");
        if (origin != null) {
            request.headers().set("origin", origin);
        }
        return request;
    }

    private static void assertPasses(EmbeddedChannel channel, @Nullable String origin) {
        channel.writeInbound(request(origin));
        FullHttpRequest passed = channel.readInbound();
        assertThat(passed).as("request with origin %s passes", origin).isNotNull();
        passed.release();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void passesRequestsWithoutOriginFromNativeClients() {
        assertPasses(channel(List.of("https://app.klaslijn.nl")), null);
        assertPasses(channel(List.of()), null);
    }

    @Test
    void passesAllowedBrowserOriginIgnoringCaseAndTrailingSlash() {
        assertPasses(channel(List.of("https://app.klaslijn.nl/")), "https://App.Klaslijn.nl");
    }

    @Test
    void passesEveryOriginWithWildcard() {
        assertPasses(channel(List.of("*")), "http://localhost:5173");
    }

    @Test
    void refusesOtherOriginsWith403ProblemAndCloses() {
        EmbeddedChannel channel = channel(List.of("https://app.klaslijn.nl"));
        channel.writeInbound(request("https://evil.example"));
        assertThat((Object) channel.readInbound()).isNull();
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status().code()).isEqualTo(403);
            assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
            assertThat(response.headers().get("connection")).isEqualTo("close");
            assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"status\":403");
        } finally {
            response.release();
        }
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesBrowserOriginsWhenListIsEmpty() {
        EmbeddedChannel channel = channel(List.of());
        channel.writeInbound(request("https://app.klaslijn.nl"));
        ByteBuf none = channel.readInbound();
        assertThat(none).isNull();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(403);
        response.release();
        channel.finishAndReleaseAll();
    }
}
