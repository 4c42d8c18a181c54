package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import nl.klaslijn.chat.conversations.ConversationAccess;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Requests;
import nl.klaslijn.chat.protocol.ViewMapper;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.chat.receipts.Receipts;
import nl.klaslijn.chat.sync.Inbox;
import nl.klaslijn.chat.sync.SyncCursor;
import nl.klaslijn.common.auth.AccessToken;
import org.jspecify.annotations.Nullable;

/**
 * Handles SEND frames: validates the body (check), passes the conversation gate, then does the work
 * (do) and answers with a RECEIPT (messages, read pointers) or a reply on /user/replies (requests).
 */
final class RequestRouter {

    static final int MAX_TEXT_CHARS = 4000;
    static final int HISTORY_DEFAULT = 50;
    static final int HISTORY_MAX = 100;
    static final int SYNC_DEFAULT = 50;
    static final int SYNC_MAX = 200;
    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ConversationAccess access;
    private final Conversations conversations;
    private final Messages messages;
    private final Inbox inbox;
    private final Receipts receipts;
    private final LiveRequests live;
    private final SessionLimits limits;
    private final TokenRenewal renewal;
    private final PortalCatchUps portal;

    RequestRouter(CoreServices services, SessionLimits limits, TokenRenewal renewal) {
        this.limits = limits;
        this.renewal = renewal;
        this.access = services.access();
        this.conversations = services.conversations();
        this.messages = services.messages();
        this.inbox = services.inbox();
        this.receipts = services.receipts();
        this.portal = services.portal();
        this.live = new LiveRequests(services);
    }

    void handle(ClientSession session, Destination destination, ClientFrame frame, @Nullable String receipt) {
        AccessToken who = session.connection().principal();
        if (destination instanceof Destination.PostMessage post) {
            postMessage(session, who, post.conversationId(), frame, receipt);
        } else if (destination instanceof Destination.MarkRead read) {
            markRead(session, who, read.conversationId(), frame, receipt);
        } else if (destination instanceof Destination.MarkDelivered delivered) {
            long upTo = pointer(frame);
            session.whenDone(access.requireRead(who, delivered.conversationId())
                    .thenCompose(c -> receipts.markDelivered(who, c, upTo)), receipt, done -> session.receipt(receipt));
        } else if (destination instanceof Destination.Typing typing) {
            live.typing(session, who, typing.conversationId(), receipt);
        } else if (destination instanceof Destination.SetPresence) {
            live.setPresence(session, frame, receipt);
        } else if (destination instanceof Destination.RenewToken) {
            renewal.renew(session, frame, receipt);
        } else {
            requireReplySubscription(session);
            String correlation = frame.header("correlation-id");
            if (destination instanceof Destination.ListConversations) {
                session.whenDone(access.requireChatOn(who).thenCompose(on -> inbox.conversations(who)), receipt, list -> respond(session, receipt, correlation,
                        "conversations", new Views.ConversationsReply(list)));
            } else if (destination instanceof Destination.StartDirect) {
                startDirect(session, who, frame, receipt, correlation);
            } else if (destination instanceof Destination.History) {
                history(session, who, frame, receipt, correlation);
            } else if (destination instanceof Destination.Receipts) {
                live.receipts(session, who, frame, receipt, correlation);
            } else if (destination instanceof Destination.Settings) {
                live.settings(session, who, frame, receipt, correlation);
            } else if (destination instanceof Destination.QueryPresence) {
                live.queryPresence(session, who, frame, receipt, correlation);
            } else if (destination instanceof Destination.Sync) {
                Requests.Sync request = Wire.decode(frame.body(), Requests.Sync.class);
                long since = Wire.messageId(request.since(), "since", 0L);
                int limit = Wire.limit(request.limit(), SYNC_DEFAULT, SYNC_MAX);
                SyncCursor cursor = cursor(request.cursor());
                session.whenDone(access.requireChatOn(who)
                                .thenCompose(on -> inbox.sync(who, since, limit, cursor, limits.syncReplyBytes()))
                                .thenCompose(reply -> reply.partial()
                                        ? CompletableFuture.completedFuture(reply)
                                        : portal.since(who, since, Long.parseLong(reply.syncPoint()))
                                                .thenApply(reply::withPortal)),
                        receipt, reply -> respond(session, receipt, correlation, "sync", reply));
            } else {
                throw new RequestException(ErrorCode.UNKNOWN_DESTINATION, "not a SEND destination");
            }
        }
    }

    private static @Nullable SyncCursor cursor(@Nullable String value) {
        if (value == null) {
            return null;
        }
        SyncCursor cursor = SyncCursor.parse(value);
        if (cursor == null) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "cursor must be the cursor of a partial sync reply");
        }
        return cursor;
    }

    private void postMessage(ClientSession session, AccessToken who, UUID conversationId, ClientFrame frame,
            @Nullable String receipt) {
        Requests.SendMessage request = Wire.decode(frame.body(), Requests.SendMessage.class);
        String clientMessageId = request.clientMessageId();
        if (clientMessageId == null || !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw new RequestException(ErrorCode.MALFORMED_BODY,
                    "clientMessageId must be 1-64 characters of letters, digits and . _ : -");
        }
        String text = request.text();
        if (text == null || text.isBlank()) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "text must not be empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "text is longer than " + MAX_TEXT_CHARS + " characters");
        }
        session.whenDone(access.requirePost(who, conversationId)
                        .thenCompose(c -> messages.send(c, who.userId(), clientMessageId, text)),
                receipt, result -> session.receipt(receipt,
                        "message-id", Long.toString(result.message().id()),
                        "sent-at", result.message().sentAt().toString(),
                        "duplicate", Boolean.toString(result.duplicate())));
    }

    private void markRead(ClientSession session, AccessToken who, UUID conversationId, ClientFrame frame,
            @Nullable String receipt) {
        long upTo = pointer(frame);
        session.whenDone(access.requireRead(who, conversationId)
                        .thenCompose(c -> receipts.markRead(who, c, upTo)),
                receipt, done -> session.receipt(receipt));
    }

    /** The {@code upTo} of a read or delivered pointer: required, and an id this server could have issued. */
    private long pointer(ClientFrame frame) {
        Requests.MarkRead request = Wire.decode(frame.body(), Requests.MarkRead.class);
        if (request.upTo() == null) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "upTo is required");
        }
        long upTo = Wire.messageId(request.upTo(), "upTo", 0L);
        if (upTo >= messages.nextIdBound()) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "upTo is not an id of this server");
        }
        return upTo;
    }

    private void startDirect(ClientSession session, AccessToken who, ClientFrame frame, @Nullable String receipt,
            @Nullable String correlation) {
        Requests.StartDirect request = Wire.decode(frame.body(), Requests.StartDirect.class);
        UUID other = Wire.uuid(request.userId(), "userId");
        session.whenDone(access.requireChatOn(who)
                        .thenCompose(on -> conversations.ensureDirect(who.schoolId(), who.userId(), other))
                        .thenCompose(c -> inbox.conversation(who, c.id())),
                receipt, view -> respond(session, receipt, correlation, "direct",
                        new Views.DirectReply(view.orElseThrow(() ->
                                new RequestException(ErrorCode.INTERNAL, "conversation not in the index yet")))));
    }

    private void history(ClientSession session, AccessToken who, ClientFrame frame, @Nullable String receipt,
            @Nullable String correlation) {
        Requests.History request = Wire.decode(frame.body(), Requests.History.class);
        UUID conversationId = Wire.uuid(request.conversationId(), "conversationId");
        long before = Wire.messageId(request.before(), "before", Long.MAX_VALUE);
        int limit = Wire.limit(request.limit(), HISTORY_DEFAULT, HISTORY_MAX);
        session.whenDone(access.requireRead(who, conversationId)
                        .thenCompose(c -> messages.history(c, before, limit)),
                receipt, page -> {
                    List<Views.MessageView> views = page.stream().map(ViewMapper::message).toList();
                    String next = page.size() < limit ? null : Long.toString(page.get(page.size() - 1).id());
                    respond(session, receipt, correlation, "history",
                            new Views.HistoryReply(conversationId.toString(), views, next));
                });
    }

    static void respond(ClientSession session, @Nullable String receipt, @Nullable String correlation,
            String type, Object body) {
        session.reply(type, Wire.encode(body), correlation);
        session.receipt(receipt);
    }

    static void requireReplySubscription(ClientSession session) {
        if (!session.hasReplySubscription()) {
            throw new RequestException(ErrorCode.NO_REPLY_SUBSCRIPTION,
                    "subscribe to " + Destination.USER_REPLIES + " before sending requests");
        }
    }
}
