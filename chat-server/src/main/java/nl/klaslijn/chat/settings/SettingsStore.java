package nl.klaslijn.chat.settings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import nl.klaslijn.common.cassandra.Statements;

/** The user_settings and school_settings tables; a null column means the default. */
final class SettingsStore {

    private final CqlSession session;
    private final PreparedStatement selectUser;
    private final PreparedStatement upsertUser;
    private final PreparedStatement selectSchool;
    private final PreparedStatement upsertSchool;

    SettingsStore(CqlSession session) {
        this.session = session;
        selectUser = Statements.idempotent(session,
                "SELECT share_presence, send_read_receipts FROM user_settings WHERE school_id = ? AND user_id = ?");
        upsertUser = Statements.idempotent(session,
                "INSERT INTO user_settings (school_id, user_id, share_presence, send_read_receipts) VALUES (?, ?, ?, ?)");
        selectSchool = Statements.idempotent(session, "SELECT read_detail_direct, read_detail_group, "
                + "read_detail_announcement, chat_enabled FROM school_settings WHERE school_id = ?");
        upsertSchool = Statements.idempotent(session, "INSERT INTO school_settings (school_id, read_detail_direct, "
                + "read_detail_group, read_detail_announcement, chat_enabled) VALUES (?, ?, ?, ?, ?)");
    }

    /**
     * The user's stored choices; a choice never stored is taken from {@code defaults} (asked only then, so users who
     * chose both cost one read).
     */
    CompletionStage<UserPreferences> user(UUID school, UUID user,
            Function<UUID, CompletionStage<UserPreferences>> defaults) {
        return session.executeAsync(selectUser.bind(school, user)).thenCompose(rs -> {
            Row row = rs.one();
            if (row != null && !row.isNull("share_presence") && !row.isNull("send_read_receipts")) {
                return CompletableFuture.completedFuture(new UserPreferences(
                        row.getBoolean("share_presence"), row.getBoolean("send_read_receipts")));
            }
            return defaults.apply(user).thenApply(d -> row == null ? d : new UserPreferences(
                    flag(row, "share_presence", d.sharePresence()), flag(row, "send_read_receipts", d.sendReadReceipts())));
        });
    }

    CompletionStage<Void> putUser(UUID school, UUID user, UserPreferences value) {
        return session.executeAsync(upsertUser.bind(school, user, value.sharePresence(), value.sendReadReceipts()))
                .thenApply(rs -> null);
    }

    CompletionStage<SchoolPreferences> school(UUID school) {
        return session.executeAsync(selectSchool.bind(school)).thenApply(rs -> {
            Row row = rs.one();
            SchoolPreferences d = SchoolPreferences.DEFAULT;
            return row == null ? d : new SchoolPreferences(flag(row, "read_detail_direct", d.readDetailDirect()),
                    flag(row, "read_detail_group", d.readDetailGroup()),
                    flag(row, "read_detail_announcement", d.readDetailAnnouncement()),
                    flag(row, "chat_enabled", d.chatEnabled()));
        });
    }

    CompletionStage<Void> putSchool(UUID school, SchoolPreferences value) {
        return session.executeAsync(upsertSchool.bind(school, value.readDetailDirect(), value.readDetailGroup(),
                value.readDetailAnnouncement(), value.chatEnabled())).thenApply(rs -> null);
    }

    private static boolean flag(Row row, String column, boolean fallback) {
        return row.isNull(column) ? fallback : row.getBoolean(column);
    }
}
