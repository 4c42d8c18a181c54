package nl.klaslijn.portal.chatsync;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.personaldata.ChatDataSource;
import nl.klaslijn.portal.personaldata.ChatExport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Reads a user's chat data at a school from the chat server, for the personal data export. */
@Service
@ConditionalOnProperty(prefix = "klaslijn.chat.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
public class ChatData implements ChatDataSource {

    /** Messages per school in one export at most (a bound on the export's size; {@code complete} says if it bit). */
    public static final int MAX_MESSAGES = 50_000;

    private static final Logger log = LoggerFactory.getLogger(ChatData.class);

    private final ChatApi chat;

    ChatData(ChatApi chat) {
        this.chat = chat;
    }

    /** The user's chat data at the school; {@code unavailable} (never an empty part) when the chat cannot be asked. */
    @Override
    public ChatExport export(UUID school, UUID user) {
        try {
            JsonNode profile = chat.chatProfile(school, user);
            List<JsonNode> messages = new ArrayList<>();
            @Nullable String cursor = null;
            do {
                JsonNode page = chat.chatMessages(school, user, cursor);
                page.path("messages").forEach(messages::add);
                JsonNode next = page.path("next");
                cursor = next.isString() ? next.asString() : null;
            } while (cursor != null && messages.size() < MAX_MESSAGES);
            boolean complete = cursor == null;
            return new ChatExport("included", profile, complete ? messages : messages.subList(0, Math.min(messages.size(),
                    MAX_MESSAGES)), complete);
        } catch (ChatUnavailableException e) {
            log.warn("data export of school {}: chat part unavailable: {}", school, e.getMessage());
            return ChatExport.unavailable();
        }
    }
}
