package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.chat.conversations.ConversationAccess;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.chat.presence.MemberPresence;
import nl.klaslijn.chat.presence.Presence;
import nl.klaslijn.chat.presence.PresenceState;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Requests;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.chat.receipts.ReceiptStatus;
import nl.klaslijn.chat.receipts.Receipts;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.settings.UserPreferences;
import nl.klaslijn.chat.signals.Signals;
import nl.klaslijn.common.auth.AccessToken;
import org.jspecify.annotations.Nullable;

/** The SEND frames of the live state: typing, presence, receipts, settings (docs/protocol.md). */
final class LiveRequests {

    /** At most one typing event per connection and conversation in this interval; extra ones are dropped. */
    static final long TYPING_INTERVAL_MILLIS = 2_000;

    private final ConversationAccess access;
    private final Messages messages;
    private final Receipts receipts;
    private final Preferences preferences;
    private final Presence presence;
    private final Signals signals;

    LiveRequests(CoreServices services) {
        this.access = services.access();
        this.messages = services.messages();
        this.receipts = services.receipts();
        this.preferences = services.preferences();
        this.presence = services.presence();
        this.signals = services.signals();
    }

    /** Members who may post may signal typing; never stored; throttled per connection and conversation. */
    void typing(ClientSession session, AccessToken who, UUID conversation, @Nullable String receipt) {
        session.whenDone(access.requirePost(who, conversation), receipt, c -> {
            if (session.mayType(conversation, System.nanoTime() / 1_000_000, TYPING_INTERVAL_MILLIS)) {
                signals.publish(Signals.Kind.TYPING, who.schoolId(), conversation, who.userId(), 0L,
                        new LiveViews.TypingEvent(conversation.toString(), who.userId().toString()));
            }
            session.receipt(receipt);
        });
    }

    void setPresence(ClientSession session, ClientFrame frame, @Nullable String receipt) {
        String state = Wire.decode(frame.body(), Requests.SetPresence.class).state();
        PresenceState next;
        if ("online".equals(state)) {
            next = PresenceState.ONLINE;
        } else if ("away".equals(state)) {
            next = PresenceState.AWAY;
        } else {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "state must be online or away");
        }
        PresenceState before = session.swapPresence(next);
        presence.changed(session.schoolId(), session.userId(), before, next);
        session.receipt(receipt);
    }

    void queryPresence(ClientSession session, AccessToken who, ClientFrame frame, @Nullable String receipt,
            @Nullable String correlation) {
        UUID conversation = Wire.uuid(Wire.decode(frame.body(), Requests.QueryPresence.class).conversationId(),
                "conversationId");
        session.whenDone(access.requireRead(who, conversation)
                        .thenCompose(c -> presence.ofMembers(who.schoolId(), who.userId(), c)),
                receipt, members -> RequestRouter.respond(session, receipt, correlation, "presence-list",
                        new LiveViews.PresenceReply(conversation.toString(), members.stream().map(LiveRequests::view).toList())));
    }

    void receipts(ClientSession session, AccessToken who, ClientFrame frame, @Nullable String receipt,
            @Nullable String correlation) {
        Requests.Receipts request = Wire.decode(frame.body(), Requests.Receipts.class);
        UUID conversation = Wire.uuid(request.conversationId(), "conversationId");
        if (request.messageId() == null) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "messageId is required");
        }
        long messageId = Wire.messageId(request.messageId(), "messageId", 0L);
        if (messageId >= messages.nextIdBound()) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "messageId is not an id of this server");
        }
        session.whenDone(access.requireRead(who, conversation).thenCompose(c -> receipts.status(who, c, messageId)),
                receipt, status -> RequestRouter.respond(session, receipt, correlation, "receipts", view(status)));
    }

    private static LiveViews.PresenceEvent view(MemberPresence member) {
        Instant seen = member.lastSeen();
        return new LiveViews.PresenceEvent(member.user().toString(), member.state().wireName(),
                seen == null ? null : seen.toString());
    }

    /** Who read or received it is listed only where the conversation shows per-person detail. */
    private static LiveViews.ReceiptsReply view(ReceiptStatus status) {
        List<String> readers = status.readers().stream().map(UUID::toString).toList();
        List<String> reached = status.reached().stream().map(UUID::toString).toList();
        return new LiveViews.ReceiptsReply(status.conversation().toString(), Long.toString(status.messageId()),
                status.of(), reached.size(), readers.size(), status.state(), status.showsWho() ? readers : null,
                status.showsWho() ? reached : null);
    }

    void settings(ClientSession session, AccessToken who, ClientFrame frame, @Nullable String receipt,
            @Nullable String correlation) {
        Requests.Settings request = frame.body().length == 0 ? new Requests.Settings(null, null)
                : Wire.decode(frame.body(), Requests.Settings.class);
        session.whenDone(preferences.user(who.schoolId(), who.userId()).thenCompose(current -> {
            UserPreferences next = new UserPreferences(
                    request.sharePresence() == null ? current.sharePresence() : request.sharePresence(),
                    request.sendReadReceipts() == null ? current.sendReadReceipts() : request.sendReadReceipts());
            if (next.equals(current)) {
                return java.util.concurrent.CompletableFuture.completedFuture(current);
            }
            return preferences.putUser(who.schoolId(), who.userId(), next).thenApply(saved -> {
                signals.settingsChanged(who.schoolId(), who.userId());
                if (current.sharePresence() && !saved.sharePresence()) {
                    presence.hidden(who.schoolId(), who.userId());
                }
                return saved;
            });
        }), receipt, saved -> RequestRouter.respond(session, receipt, correlation, "settings",
                new LiveViews.SettingsReply(saved.sharePresence(), saved.sendReadReceipts())));
    }
}
