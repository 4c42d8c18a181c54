package nl.klaslijn.portal.accounts;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/**
 * Tables {@code accounts}, {@code account_emails}, {@code refresh_tokens} and {@code refresh_families}. The e-mail
 * claim, the generation bump, the re-hash on login and the refresh rotation are lightweight transactions (never retried by the driver);
 * everything else is idempotent.
 */
@Component
class AccountStore {

    private final CqlSession session;
    private final PreparedStatement claimEmail;
    private final PreparedStatement releaseEmail;
    private final PreparedStatement selectEmail;
    private final PreparedStatement insertAccount;
    private final PreparedStatement deleteAccount;
    private final PreparedStatement selectAccount;
    private final PreparedStatement setPassword;
    private final PreparedStatement replaceHash;
    private final PreparedStatement bumpGeneration;
    private final PreparedStatement insertRefresh;
    private final PreparedStatement selectRefresh;
    private final PreparedStatement useRefresh;
    private final PreparedStatement touchFamily;
    private final PreparedStatement selectFamily;
    private final PreparedStatement revokeFamily;
    private final PreparedStatement selectFamilies;

    AccountStore(CqlSession session) {
        this.session = session;
        claimEmail = lwt("INSERT INTO account_emails (email_key, account_id) VALUES (?, ?) IF NOT EXISTS");
        releaseEmail = lwt("DELETE FROM account_emails WHERE email_key = ? IF account_id = ?");
        selectEmail = Statements.idempotent(session, "SELECT account_id FROM account_emails WHERE email_key = ?");
        insertAccount = Statements.idempotent(session, "INSERT INTO accounts (account_id, email, password_hash, created_at,"
                + " session_generation) VALUES (?, ?, ?, ?, 0)");
        deleteAccount = Statements.idempotent(session, "DELETE FROM accounts WHERE account_id = ?");
        selectAccount = Statements.idempotent(session, "SELECT account_id, email, password_hash, created_at,"
                + " session_generation FROM accounts WHERE account_id = ?");
        setPassword = Statements.idempotent(session, "UPDATE accounts SET password_hash = ? WHERE account_id = ?");
        replaceHash = lwt("UPDATE accounts SET password_hash = ? WHERE account_id = ? IF password_hash = ?");
        bumpGeneration = lwt("UPDATE accounts SET session_generation = ? WHERE account_id = ? IF session_generation = ?");
        insertRefresh = Statements.idempotent(session, "INSERT INTO refresh_tokens (token_hash, account_id, school_id,"
                + " family_id, expires_at) VALUES (?, ?, ?, ?, ?) USING TTL ?");
        selectRefresh = Statements.idempotent(session, "SELECT account_id, school_id, family_id, expires_at, used_at"
                + " FROM refresh_tokens WHERE token_hash = ?");
        useRefresh = lwt("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? IF used_at = null");
        touchFamily = Statements.idempotent(session, "UPDATE refresh_families USING TTL ? SET school_id = ?, generation = ?"
                + " WHERE account_id = ? AND family_id = ?");
        selectFamily = Statements.idempotent(session, "SELECT generation, revoked FROM refresh_families"
                + " WHERE account_id = ? AND family_id = ?");
        revokeFamily = Statements.idempotent(session, "UPDATE refresh_families USING TTL ? SET revoked = true"
                + " WHERE account_id = ? AND family_id = ?");
        selectFamilies = Statements.idempotent(session, "SELECT family_id, school_id, generation, revoked"
                + " FROM refresh_families WHERE account_id = ?");
    }

    private PreparedStatement lwt(String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }

    /** True if this call claimed the address for {@code accountId}; false if another account holds it. */
    boolean claimEmail(ByteBuffer emailKey, UUID accountId) {
        return session.execute(claimEmail.bind(emailKey, accountId)).wasApplied();
    }

    void releaseEmail(ByteBuffer emailKey, UUID accountId) {
        session.execute(releaseEmail.bind(emailKey, accountId));
    }

    Optional<UUID> accountIdByEmail(ByteBuffer emailKey) {
        return Optional.ofNullable(session.execute(selectEmail.bind(emailKey)).one()).map(r -> r.getUuid(0));
    }

    void insert(Account account) {
        session.execute(insertAccount.bind(account.accountId(), account.email(), account.passwordHash(), account.createdAt()));
    }

    void delete(UUID accountId) {
        session.execute(deleteAccount.bind(accountId));
    }

    Optional<Account> account(UUID accountId) {
        Row row = session.execute(selectAccount.bind(accountId)).one();
        return row == null ? Optional.empty() : Optional.of(new Account(row.getUuid(0), row.getString(1),
                row.getString(2), row.get(3, Instant.class), row.getInt(4)));
    }

    void setPassword(UUID accountId, String hash) {
        session.execute(setPassword.bind(hash, accountId));
    }

    /**
     * Replaces the hash only if it is still {@code expected} (a re-hash on login must never undo a password change made
     * meanwhile); false if it had changed.
     */
    boolean replaceHash(UUID accountId, String expected, String hash) {
        return session.execute(replaceHash.bind(hash, accountId, expected)).wasApplied();
    }

    /** Moves the session generation from {@code from} to {@code from + 1}; false if it had moved meanwhile. */
    boolean bumpGeneration(UUID accountId, int from) {
        return session.execute(bumpGeneration.bind(from + 1, accountId, from)).wasApplied();
    }

    void insertRefresh(ByteBuffer hash, RefreshToken token, Duration ttl) {
        session.execute(insertRefresh.bind(hash, token.accountId(), token.schoolId(), token.familyId(), token.expiresAt(),
                seconds(ttl)));
    }

    Optional<RefreshToken> refresh(ByteBuffer hash) {
        Row row = session.execute(selectRefresh.bind(hash)).one();
        return row == null ? Optional.empty() : Optional.of(new RefreshToken(row.getUuid(0), row.getUuid(1),
                row.getUuid(2), row.get(3, Instant.class), row.get(4, Instant.class)));
    }

    /** Marks the token rotated; false if it already was (a reuse, possibly concurrent). */
    boolean useRefresh(ByteBuffer hash, Instant now) {
        return session.execute(useRefresh.bind(now, hash)).wasApplied();
    }

    /** Creates or extends a family; never clears {@code revoked}. */
    void touchFamily(UUID accountId, UUID familyId, UUID schoolId, int generation, Duration ttl) {
        session.execute(touchFamily.bind(seconds(ttl), schoolId, generation, accountId, familyId));
    }

    /** The family's generation, or empty if it is revoked, expired or unknown. */
    Optional<Integer> liveFamilyGeneration(UUID accountId, UUID familyId) {
        Row row = session.execute(selectFamily.bind(accountId, familyId)).one();
        if (row == null || row.isNull(0) || row.getBoolean(1)) {
            return Optional.empty();
        }
        return Optional.of(row.getInt(0));
    }

    /** Every session (refresh family) of the account still stored, whether live or not. */
    List<AccountExport.Session> families(UUID accountId, int currentGeneration) {
        return session.execute(selectFamilies.bind(accountId)).all().stream()
                .map(r -> new AccountExport.Session(r.getUuid(0), r.getUuid(1),
                        !r.isNull(2) && r.getInt(2) == currentGeneration && !r.getBoolean(3)))
                .toList();
    }

    void revokeFamily(UUID accountId, UUID familyId, Duration ttl) {
        session.execute(revokeFamily.bind(seconds(ttl), accountId, familyId));
    }

    private static int seconds(Duration ttl) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ttl.toSeconds()));
    }
}
