package nl.klaslijn.chat.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpEndpoints;
import nl.klaslijn.chat.core.http.HttpReply;

/**
 * The plain HTTP endpoints of the public (WebSocket) port: {@code GET /health} for load balancers, nothing else.
 * Every other path, {@code /internal/...} included, is 404: the internal API has a port of its own.
 */
public final class HealthEndpoint implements HttpEndpoints {

    private final IntSupplier connectionCount;

    public HealthEndpoint(IntSupplier connectionCount) {
        this.connectionCount = connectionCount;
    }

    @Override
    public CompletionStage<HttpReply> handle(HttpCall call) {
        if (call.path().equals("/health")) {
            return health(call, connectionCount);
        }
        return CompletableFuture.completedFuture(HttpReply.problem(404, "Not Found", "no such endpoint"));
    }

    static CompletionStage<HttpReply> health(HttpCall call, IntSupplier connectionCount) {
        return CompletableFuture.completedFuture(call.method().equals("GET")
                ? HttpReply.json(200, ("{\"status\":\"UP\",\"connections\":" + connectionCount.getAsInt() + "}")
                        .getBytes(StandardCharsets.UTF_8))
                : HttpReply.problem(405, "Method Not Allowed", "use GET"));
    }
}
