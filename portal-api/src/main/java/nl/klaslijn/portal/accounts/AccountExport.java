package nl.klaslijn.portal.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An account as its owner's data export shows it: the e-mail address, when it was created, and the sessions stored
 * for it (refresh-token families, live or ended, until they expire). The password hash is stored but not exported.
 */
public record AccountExport(UUID accountId, String email, @Nullable Instant createdAt, List<Session> sessions) {

    public AccountExport {
        sessions = List.copyOf(sessions);
    }

    /** One login (refresh-token family) at a school; {@code live} false once ended or revoked. */
    public record Session(UUID sessionId, @Nullable UUID schoolId, boolean live) {}
}
