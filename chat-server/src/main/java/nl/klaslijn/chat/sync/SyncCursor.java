package nl.klaslijn.chat.sync;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a sync that did not fit one reply continues: the sync point the whole sync will reach (fixed by its
 * first page, so conversations changing between pages cannot move it past a message not yet returned) and
 * the last conversation already handled (pages go through conversations in id order). On the wire it is
 * opaque to clients: {@code <syncPoint>.<conversation id>}.
 */
public record SyncCursor(long syncPoint, UUID after) {

    public String encode() {
        return syncPoint + "." + after;
    }

    /** The cursor in its wire form, or null when it is not one (the caller answers {@code malformed-body}). */
    public static @Nullable SyncCursor parse(String value) {
        int dot = value.indexOf('.');
        if (dot <= 0 || value.length() > 80) {
            return null;
        }
        try {
            long point = Long.parseLong(value.substring(0, dot));
            UUID after = UUID.fromString(value.substring(dot + 1));
            return point < 0 ? null : new SyncCursor(point, after);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
