package nl.klaslijn.chat.api;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpReply;
import org.jspecify.annotations.Nullable;

/**
 * A group of internal API routes kept in a class of its own. Called after the service token was checked, with the
 * path below {@code /internal/v1/schools/} split at {@code /} ({@code parts[0]} is the school id).
 */
interface InternalRoutes {

    /** The reply, or null when no route of this group matches (the next group is asked). Errors may be thrown. */
    @Nullable CompletionStage<HttpReply> route(HttpCall call, UUID school, String[] parts);
}
