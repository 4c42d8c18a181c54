package nl.klaslijn.chat.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The command-line client's JSON: lenient on what it reads (servers may add fields and event types at any time), so
 * the client never depends on the server's own request parser.
 */
final class ClientJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ClientJson() {}

    /** The parsed body, or a missing node when the body is not JSON (never throws). */
    static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }
}
