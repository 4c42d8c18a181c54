package nl.klaslijn.chat.api;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpReply;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.chat.retention.Retention;
import org.jspecify.annotations.Nullable;

/** {@code GET} and {@code PUT .../retention}: the school's chat history retention, {@code {"retentionDays":730}}. */
public final class RetentionRoutes implements InternalRoutes {

    /** Body of PUT .../retention. */
    record PutRetention(@Nullable Integer retentionDays) {}

    private final Retention retention;

    public RetentionRoutes(Retention retention) {
        this.retention = retention;
    }

    @Override
    public @Nullable CompletionStage<HttpReply> route(HttpCall call, UUID school, String[] parts) {
        if (parts.length != 2 || !parts[1].equals("retention")) {
            return null;
        }
        if (call.method().equals("GET")) {
            return retention.days(school).thenApply(RetentionRoutes::reply);
        }
        if (call.method().equals("PUT")) {
            Integer days = Wire.decode(call.body(), PutRetention.class).retentionDays();
            if (days == null) {
                throw new RequestException(ErrorCode.MALFORMED_BODY, "retentionDays is required");
            }
            return retention.putDays(school, days).thenApply(RetentionRoutes::reply);
        }
        return null;
    }

    private static HttpReply reply(int days) {
        return HttpReply.json(200, Wire.encode(Map.of("retentionDays", days)));
    }
}
