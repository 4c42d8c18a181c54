package nl.klaslijn.chat.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpReply;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.personaldata.ChatDataExport;
import nl.klaslijn.chat.personaldata.ChatPersonalData;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Wire;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET .../users/{user}/chat-data} (the profile part of the export), {@code GET
 * .../users/{user}/chat-data/messages?cursor=&limit=} (the messages the user sent, a page at a time) and {@code DELETE
 * .../users/{user}/chat-data} (the erasure: answers {@code {"done":false}} while work is left; call again).
 */
public final class PersonalDataRoutes implements InternalRoutes {

    private final ChatPersonalData personalData;

    public PersonalDataRoutes(ChatPersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public @Nullable CompletionStage<HttpReply> route(HttpCall call, UUID school, String[] parts) {
        if (parts.length < 4 || !parts[1].equals("users") || !parts[3].equals("chat-data")) {
            return null;
        }
        UUID user = Wire.uuid(parts[2], "user id");
        if (parts.length == 4 && call.method().equals("GET")) {
            return personalData.profile(school, user).thenApply(profile -> HttpReply.json(200, Wire.encode(profile)));
        }
        if (parts.length == 4 && call.method().equals("DELETE")) {
            return personalData.erase(school, user).thenApply(done -> HttpReply.json(200, Wire.encode(Map.of("done", done))));
        }
        if (parts.length == 5 && parts[4].equals("messages") && call.method().equals("GET")) {
            String limit = queryParameter(call.query(), "limit");
            return personalData.messages(school, user, queryParameter(call.query(), "cursor"),
                            limit == null ? ChatDataExport.PAGE_MESSAGES : limit(limit))
                    .thenApply(page -> HttpReply.json(200, Wire.encode(page)));
        }
        return null;
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "limit must be a number");
        }
    }

    private static @Nullable String queryParameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
