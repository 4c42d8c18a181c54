package nl.klaslijn.chat.personaldata;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.messages.Buckets;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.common.ids.SnowflakeIds;
import org.jspecify.annotations.Nullable;

/**
 * What the chat holds on one user at one school, for the personal data export: {@link #profile} (conversations with
 * their titles and the user's pointers, settings, last seen, directory entry) in one answer, and the messages the
 * user sent in pages ({@link #messages}), each bounded both in the messages it returns and in the rows it reads.
 */
public final class ChatDataExport {

    /** Messages per page at most. */
    public static final int PAGE_MESSAGES = 500;

    /** Message rows read per page at most (the user's and others'); a page may come back short but never empty-handed. */
    static final int PAGE_SCAN = 5_000;

    private static final Pattern CURSOR = Pattern.compile("([0-9a-f-]{36})\\.(\\d{1,19})");

    public record Profile(UUID schoolId, UUID userId, @Nullable DirectoryEntry directory, Map<String, @Nullable Object> settings,
            @Nullable Instant lastSeen, List<ConversationPart> conversations) {}

    public record DirectoryEntry(@Nullable String displayName, @Nullable String role, @Nullable String contact) {}

    /**
     * One conversation the user is or was in. {@code role} is null when the user is no longer a member; pointers are
     * message ids (null = none).
     */
    public record ConversationPart(UUID conversationId, @Nullable String kind, @Nullable String title,
            @Nullable String role, @Nullable String readUpTo, @Nullable String deliveredUpTo) {}

    public record MessagePart(UUID conversationId, String id, Instant sentAt, @Nullable String text) {}

    /** One page of the user's messages, by conversation id, newest first within each; {@code next} null at the end. */
    public record MessagePage(List<MessagePart> messages, @Nullable String next) {}

    private final UserDataStore store;
    private final Conversations conversations;

    ChatDataExport(UserDataStore store, Conversations conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    /** Blocking: run on the personal-data executor. */
    public Profile profile(UUID school, UUID user) {
        Map<UUID, UserDataStore.IndexRow> index = store.index(school, user);
        List<ConversationPart> parts = new ArrayList<>();
        for (UUID id : store.conversationsOf(school, user)) {
            Optional<Conversation> c = conversations.find(school, id).toCompletableFuture().join();
            UserDataStore.IndexRow row = index.get(id);
            MemberRole role = c.map(found -> found.roleOf(user)).orElse(null);
            Optional<Row> pointers = store.pointers(school, id, user);
            String readUpTo = row != null && row.readUpTo() != null ? Long.toString(row.readUpTo()) : null;
            String delivered = pointers.filter(p -> !p.isNull("delivered_up_to"))
                    .map(p -> Long.toString(p.getLong("delivered_up_to"))).orElse(null);
            parts.add(new ConversationPart(id, c.map(found -> found.kind().wireName()).orElse(null),
                    c.map(Conversation::title).orElse(null), role == null ? null : role.wireName(), readUpTo, delivered));
        }
        DirectoryEntry entry = store.directory(school, user)
                .map(row -> new DirectoryEntry(row.getString(0), row.getString(1), row.getString(2))).orElse(null);
        return new Profile(school, user, entry, store.settings(school, user), store.lastSeen(school, user).orElse(null),
                parts);
    }

    /**
     * A page of at most {@code limit} (1 to {@link #PAGE_MESSAGES}) messages {@code user} sent, from {@code cursor}
     * (null = the start; else a page's {@code next}). Blocking: run on the personal-data executor.
     */
    public MessagePage messages(UUID school, UUID user, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > PAGE_MESSAGES) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "limit must be 1 to " + PAGE_MESSAGES);
        }
        NavigableSet<UUID> ids = store.conversationsOf(school, user);
        UUID current;
        long before;
        if (cursor == null) {
            current = ids.isEmpty() ? null : ids.first();
            before = Long.MAX_VALUE;
        } else {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                throw new RequestException(ErrorCode.MALFORMED_BODY, "cursor must be the next value of a previous page");
            }
            UUID from;
            long parsed;
            try {
                from = UUID.fromString(m.group(1));
                parsed = Long.parseLong(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new RequestException(ErrorCode.MALFORMED_BODY, "cursor must be the next value of a previous page");
            }
            current = ids.ceiling(from);
            before = from.equals(current) ? parsed : Long.MAX_VALUE;
        }
        List<MessagePart> out = new ArrayList<>();
        int scanned = 0;
        while (current != null) {
            Optional<Row> conversation = store.conversation(school, current);
            if (conversation.isPresent()) {
                long width = conversation.get().getLong("bucket_millis");
                for (long bucket : store.buckets(school, current)) {
                    if (before != Long.MAX_VALUE && bucket > Buckets.of(before, width)) {
                        continue;
                    }
                    while (true) {
                        if (out.size() >= limit || scanned >= PAGE_SCAN) {
                            return new MessagePage(out, current + "." + before);
                        }
                        List<UserDataStore.StoredMessage> rows = store.page(school, current, bucket, before,
                                Math.min(PAGE_SCAN - scanned, 1_000));
                        if (rows.isEmpty()) {
                            break;
                        }
                        scanned += rows.size();
                        for (UserDataStore.StoredMessage row : rows) {
                            before = row.id();
                            if (row.sender().equals(user) && out.size() < limit) {
                                out.add(new MessagePart(current, Long.toString(row.id()), SnowflakeIds.timeOf(row.id()),
                                        row.body()));
                            } else if (row.sender().equals(user)) {
                                return new MessagePage(out, current + "." + (row.id() + 1));
                            }
                        }
                    }
                }
            }
            current = ids.higher(current);
            before = Long.MAX_VALUE;
        }
        return new MessagePage(out, null);
    }
}
