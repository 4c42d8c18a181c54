package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.conversations.ConversationAccess;
import nl.klaslijn.chat.presence.Presence;
import nl.klaslijn.chat.protocol.RequestException;

/** This node's chat core: the sessions connected here and the services their frames reach. */
public final class ChatNode implements ChatCore {

    private final LocalSessions sessions;
    private final ConversationAccess access;
    private final RequestRouter requests;
    private final LiveRoutes routes;
    private final Admission admission;
    private final Presence presence;
    private final SessionLimits limits;

    /** @param tokens verifies the fresh tokens of in-band refreshes ({@code /app/token}) as CONNECT does */
    public ChatNode(LocalSessions sessions, CoreServices services, LiveRoutes routes, Admission admission,
            SessionLimits limits, TokenCheck tokens) {
        this.limits = limits;
        this.sessions = sessions;
        this.access = services.access();
        this.requests = new RequestRouter(services, limits, new TokenRenewal(tokens, admission));
        this.routes = routes;
        this.admission = admission;
        this.presence = services.presence();
    }

    /**
     * Admits the connection (throws {@link nl.klaslijn.chat.protocol.RequestException} when it may not
     * open, e.g. its token was revoked or its user holds {@link SessionLimits#maxConnectionsPerUser()}
     * connections here), registers it and joins its school's live channel.
     */
    @Override
    public SessionHandler open(Connection connection) {
        admission.admit(connection.principal());
        ClientSession session = new ClientSession(connection, this);
        if (!sessions.addWithin(session, limits.maxConnectionsPerUser())) {
            throw new RequestException(ErrorCode.TOO_MANY_CONNECTIONS, "at most " + limits.maxConnectionsPerUser()
                    + " connections per user on this server; close another device's connection");
        }
        routes.opened(session);
        presence.connected(session.schoolId(), session.userId());
        return session;
    }

    SessionLimits limits() {
        return limits;
    }

    Presence presence() {
        return presence;
    }

    LiveRoutes routes() {
        return routes;
    }

    LocalSessions sessions() {
        return sessions;
    }

    ConversationAccess access() {
        return access;
    }

    RequestRouter requests() {
        return requests;
    }
}
