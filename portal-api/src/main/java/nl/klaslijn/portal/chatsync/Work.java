package nl.klaslijn.portal.chatsync;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One pending piece of chat-sync work as read from {@code chat_sync_work}.
 *
 * @param writetime the row's write time (microseconds); clearing deletes at exactly this time, so a newer mark survives
 * @param notBefore for REVOKE and REVOKE_SESSION: the revocation instant; null otherwise
 * @param accountId for REVOKE_SESSION: the account whose session it is; null otherwise
 */
record Work(int shard, UUID schoolId, WorkKind kind, UUID targetId, long writetime, @Nullable Instant notBefore,
        @Nullable UUID accountId) {

    /** Identifies the work regardless of how often it was marked (the backoff key). */
    String key() {
        return schoolId + "/" + kind + "/" + targetId;
    }
}
