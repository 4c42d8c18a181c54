package nl.klaslijn.portal.chatsync;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The two conversations every group has in the chat server. Their ids are derived from (school, group, channel), so
 * every retry, re-sync and portal-api instance names the same conversation and creation stays idempotent.
 */
public enum GroupChannel {
    /** Teachers (owners) post; registered parents of the group read. Chat kind {@code announcement}. */
    ANNOUNCEMENTS("announcements", "announcement", " — mededelingen"),
    /** Registered parents of the group talk; its class parents are owners (moderators). Chat kind {@code group}. */
    PARENTS("parents", "group", " — ouders");

    private final String key;
    private final String kind;
    private final String titleSuffix;

    GroupChannel(String key, String kind, String titleSuffix) {
        this.key = key;
        this.kind = kind;
        this.titleSuffix = titleSuffix;
    }

    /** The chat conversation id of this channel of the group: a name-based (version 3) UUID. */
    public UUID conversationId(UUID schoolId, UUID groupId) {
        return UUID.nameUUIDFromBytes(("klaslijn:group-channel:" + schoolId + ":" + groupId + ":" + key)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The chat's conversation kind (wire name). */
    String kind() {
        return kind;
    }

    /** The title the conversation is created with (fixed at creation in the chat). */
    String title(String groupName) {
        return groupName + titleSuffix;
    }
}
