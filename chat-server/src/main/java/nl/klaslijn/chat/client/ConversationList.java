package nl.klaslijn.chat.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.chat.conversations.Conversations;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The user's conversations, each with a stable handle that every command accepts: a group or announcement channel by
 * its title ({@code groep-5-mededelingen}), a direct conversation by the other person's name ({@code juf-anna}).
 * A handle depends only on the conversation itself, never on its place in the list, so it does not move when a new
 * message re-sorts the list. Two conversations that would share a handle both get their id's first four characters
 * appended. The id, or its first characters (at least four), are accepted too.
 */
final class ConversationList {

    /** One conversation as the list shows it. */
    record Entry(String handle, String id, String kind, String title, @Nullable String lastSenderId,
            @Nullable String lastPreview, int unread) {}

    private final List<Entry> entries;

    private ConversationList(List<Entry> entries) {
        this.entries = entries;
    }

    /** From a {@code conversations} reply's list (docs/protocol.md, /app/conversations), newest activity first. */
    static ConversationList of(JsonNode conversations, UUID school, UUID self, PeopleBook people) {
        Map<UUID, String> directNames = new HashMap<>();
        people.everyone().forEach((user, name) -> {
            if (!user.equals(self)) {
                directNames.put(Conversations.directId(school, self, user), name);
            }
        });
        List<String[]> raw = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (JsonNode c : conversations) {
            String id = c.path("id").asString();
            String kind = c.path("kind").asString("");
            String title = c.path("title").asString("");
            String name = title;
            if (kind.equals("direct") || title.isEmpty()) {
                name = directNames.getOrDefault(uuidOrNull(id), "direct-" + prefix(id));
                title = name;
            }
            String handle = PeopleBook.handle(name);
            if (handle.isEmpty()) {
                handle = kind + "-" + prefix(id);
            }
            uses.merge(handle, 1, Integer::sum);
            raw.add(new String[] {handle, id, kind, title});
        }
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode c : conversations) {
            String[] r = raw.get(i++);
            String handle = uses.get(r[0]) > 1 ? r[0] + "-" + r[1].substring(0, Math.min(4, r[1].length())) : r[0];
            JsonNode last = c.path("lastMessage");
            entries.add(new Entry(handle, r[1], r[2], r[3],
                    last.isObject() ? last.path("senderId").asString(null) : null,
                    last.isObject() ? last.path("preview").asString(null) : null,
                    c.path("unread").asInt(0)));
        }
        return new ConversationList(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** The conversation {@code which} names: its handle, its id, or the start of its id (at least four characters). */
    Entry find(String which) {
        String wanted = which.toLowerCase(java.util.Locale.ROOT);
        for (Entry e : entries) {
            if (e.handle().equals(wanted) || e.id().equals(wanted)) {
                return e;
            }
        }
        List<Entry> byPrefix = wanted.length() < 4 ? List.of()
                : entries.stream().filter(e -> e.id().startsWith(wanted) || e.handle().startsWith(wanted)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        throw new IllegalArgumentException((byPrefix.isEmpty() ? "no conversation '" : "more than one conversation '")
                + which + "'; yours: " + String.join(", ", entries.stream().map(Entry::handle).toList()));
    }

    private static @Nullable UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String prefix(String id) {
        return id.substring(0, Math.min(8, id.length()));
    }
}
