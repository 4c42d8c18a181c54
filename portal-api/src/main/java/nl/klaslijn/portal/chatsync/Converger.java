package nl.klaslijn.portal.chatsync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.chatsync.DesiredState.Plan;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Brings one conversation in the chat to its planned members: adds the missing, changes roles, removes the extras.
 * Idempotent: running it again (after a crash, on another instance, on a sweep) finds nothing to do or finishes the
 * job.
 *
 * <p>The chat's internal API has no read call, so what the chat holds is known from two places: the chat's answer to
 * every call (the full member map afterwards), and {@code chat_conversation_members}, which is kept a superset of the
 * chat's members: a member row is written before the member is put, and deleted only after the chat confirmed the
 * removal. A member the chat may hold is therefore never forgotten, even if a call's answer was lost.
 */
@Component
@ConditionalOnProperty(prefix = "klaslijn.chat.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
class Converger {

    private static final int MAX_ROUNDS = 3;

    private final ChatApi chat;
    private final ChatSyncStore store;

    Converger(ChatApi chat, ChatSyncStore store) {
        this.chat = chat;
        this.store = store;
    }

    /** Converges; throws {@link ChatUnavailableException} if the chat failed (the caller retries later). */
    void converge(UUID schoolId, Plan plan, Deadline deadline) {
        UUID id = plan.conversationId();
        Map<UUID, String> desired = new HashMap<>();
        plan.members().forEach((user, role) -> desired.put(user, role.wire()));
        Map<UUID, @Nullable String> believed = store.members(schoolId, id);
        Map<UUID, @Nullable String> actual = new HashMap<>(believed);
        boolean confirmed = false;
        if (believed.isEmpty()) {
            if (desired.isEmpty()) {
                return;
            }
            actual = new HashMap<>(create(schoolId, plan, desired, believed));
            confirmed = true;
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Set<UUID> extras = new HashSet<>(actual.keySet());
            extras.removeAll(desired.keySet());
            Map<UUID, String> puts = new HashMap<>();
            for (Map.Entry<UUID, String> want : desired.entrySet()) {
                if (!want.getValue().equals(actual.get(want.getKey()))) {
                    puts.put(want.getKey(), want.getValue());
                }
            }
            if (extras.isEmpty() && puts.isEmpty()) {
                break;
            }
            Optional<Map<UUID, String>> answer = Optional.empty();
            boolean missing = false;
            for (Map.Entry<UUID, String> put : puts.entrySet()) {
                deadline.check();
                if (!believed.containsKey(put.getKey())) {
                    store.putMember(schoolId, id, put.getKey(), null);
                    believed.put(put.getKey(), null);
                }
                answer = chat.putMember(schoolId, id, put.getKey(), put.getValue());
                if (answer.isEmpty()) {
                    missing = true;
                    break;
                }
            }
            for (UUID extra : missing ? Set.<UUID>of() : extras) {
                deadline.check();
                answer = chat.removeMember(schoolId, id, extra);
                if (answer.isEmpty()) {
                    missing = true;
                    break;
                }
            }
            actual = new HashMap<>(missing ? recreate(schoolId, plan, desired, believed) : answer.orElseThrow());
            confirmed = true;
        }
        if (confirmed) {
            confirm(schoolId, id, believed, actual);
        }
        if (!actual.equals(desired)) {
            throw new ChatUnavailableException("conversation did not converge in " + MAX_ROUNDS + " rounds");
        }
    }

    /** The chat lost the conversation (404): it holds no members; create it again if anyone should be in it. */
    private Map<UUID, String> recreate(UUID schoolId, Plan plan, Map<UUID, String> desired,
            Map<UUID, @Nullable String> believed) {
        return desired.isEmpty() ? Map.of() : create(schoolId, plan, desired, believed);
    }

    private Map<UUID, String> create(UUID schoolId, Plan plan, Map<UUID, String> desired,
            Map<UUID, @Nullable String> believed) {
        for (UUID user : desired.keySet()) {
            if (!believed.containsKey(user)) {
                store.putMember(schoolId, plan.conversationId(), user, null);
                believed.put(user, null);
            }
        }
        return chat.createConversation(schoolId, plan.conversationId(), plan.kind(), plan.title(), desired);
    }

    /** Makes the stored belief equal to what the chat just answered. */
    private void confirm(UUID schoolId, UUID id, Map<UUID, @Nullable String> believed, Map<UUID, @Nullable String> actual) {
        actual.forEach((user, role) -> {
            if (role != null && !role.equals(believed.get(user))) {
                store.putMember(schoolId, id, user, role);
            }
        });
        for (UUID user : believed.keySet()) {
            if (!actual.containsKey(user)) {
                store.deleteMember(schoolId, id, user);
            }
        }
    }
}
