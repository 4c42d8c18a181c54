package nl.klaslijn.portal.personaldata;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The chat's part of a personal data export at one school (docs/portal-api.md, "Data export").
 *
 * @param status {@code included}; {@code unavailable} when the chat server could not be asked (the export says so
 *     instead of leaving the part out; ask again later); {@code not-configured} when this portal-api has no chat
 * @param profile conversations with titles and the user's pointers, settings, last seen, directory entry (null unless
 *     included)
 * @param messages the messages the user sent, by conversation, newest first within each
 * @param complete false when there were more messages than the chat sync includes (50,000 per school; the oldest
 *     are left out)
 */
public record ChatExport(String status, @Nullable JsonNode profile, List<JsonNode> messages, boolean complete) {

    public static ChatExport notConfigured() {
        return new ChatExport("not-configured", null, List.of(), false);
    }

    public static ChatExport unavailable() {
        return new ChatExport("unavailable", null, List.of(), false);
    }
}
