package nl.klaslijn.chat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.util.concurrent.ForkJoinPool;
import nl.klaslijn.chat.api.HealthEndpoint;
import nl.klaslijn.chat.api.InternalApi;
import nl.klaslijn.chat.api.PortalEventRoutes;
import nl.klaslijn.chat.portalevents.PortalEvents;
import nl.klaslijn.chat.api.PersonalDataRoutes;
import nl.klaslijn.chat.api.RetentionRoutes;
import nl.klaslijn.chat.personaldata.ChatPersonalData;
import nl.klaslijn.chat.retention.Retention;
import nl.klaslijn.chat.conversations.ConversationAccess;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.core.ChatNode;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.CoreServices;
import nl.klaslijn.chat.delivery.LiveHub;
import nl.klaslijn.chat.engines.ChatEngines;
import nl.klaslijn.chat.presence.Presence;
import nl.klaslijn.chat.presence.PresenceEngine;
import nl.klaslijn.chat.receipts.Receipts;
import nl.klaslijn.chat.revocation.Revocations;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.sync.ConversationIndex;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.edge.ChatEdgeServer;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.chat.nodes.NodeLease;
import nl.klaslijn.chat.sync.Inbox;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenVerifier;
import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * The composition root of one chat node: builds the services on a migrated Cassandra session, starts
 * the Netty edge (WebSocket and {@code /health}) and, on a port of its own, the internal API, and stops both on
 * {@link #close()}. The Spring Boot application and the integration
 * tests both start nodes through here, so tests run the production wiring.
 */
public final class ChatServer implements AutoCloseable {

    private final TokenVerifier tokens;
    private final SchoolDirectory directory;
    private final Preferences preferences;
    private final Conversations conversations;
    private final Messages messages;
    private final LocalSessions sessions;
    private final Revocations revocations;
    private final LiveHub hub;
    private final PresenceEngine presenceEngine;
    private final Presence presence;
    private final ChatEdgeServer edge;
    private final ChatEdgeServer internalEdge;
    private final NodeLease lease;
    private final ChatPersonalData personalData;
    private final Retention retention;
    private final int port;
    private final int internalPort;

    private ChatServer(ChatSettings settings, CqlSession session, Clock clock, NodeLease lease) {
        this.lease = lease;
        ChatEngines engines = new ChatEngines(settings.engines());
        tokens = new TokenVerifier(settings.tokenKeys(), clock, settings.tokenMaxLifetime());
        directory = new SchoolDirectory(session);
        conversations = new Conversations(session, directory, clock, settings.bucketWidth(),
                settings.membershipCacheTtl(), ForkJoinPool.commonPool());
        sessions = new LocalSessions();
        revocations = new Revocations(session, clock, settings.revocationWindow());
        revocations.reload();
        preferences = new Preferences(session, directory, settings.membershipCacheTtl(), ForkJoinPool.commonPool());
        hub = new LiveHub(sessions, conversations, new ConversationIndex(session), revocations, preferences,
                ForkJoinPool.commonPool(), ChatEdgeServer.DELIVERY_BATCHING,
                engines.brokers(), settings.broker().resyncMinInterval(),
                settings.broker().resyncJitter());
        conversations.listen(hub.publisher());
        SnowflakeIds ids = new SnowflakeIds(settings.nodeId(), clock);
        messages = new Messages(session, ids, hub.publisher(), clock, lease,
                settings.nodes().maxClockSkew());
        Inbox inbox = new Inbox(session, conversations, messages);
        presenceEngine = engines.presence();
        presence = new Presence(session, presenceEngine, new ConversationIndex(session), conversations,
                preferences, hub.publisher(), hub.publisher()::nodeLost, clock);
        Receipts receipts = new Receipts(session, inbox, preferences, hub.publisher());
        ConversationAccess access = new ConversationAccess(conversations, preferences);
        PortalEvents portalEvents = new PortalEvents(session, PortalEvents.DEFAULT_WINDOW, ids, lease,
                hub.publisher(), directory, conversations, clock, settings.nodes().maxClockSkew());
        hub.register(portalEvents.handler(sessions));
        ChatNode node = new ChatNode(sessions, new CoreServices(access, conversations, messages, inbox, receipts,
                preferences, presence, hub.publisher(), portalEvents.catchUps()), hub.routes(),
                revocations, settings.sessionLimits(), token -> tokens.verify(token, TokenAudience.CHAT));
        personalData = new ChatPersonalData(session, conversations, directory, preferences);
        retention = new Retention(session, settings.retention(), clock);
        InternalApi api = new InternalApi(tokens, conversations, directory, hub.publisher(), preferences, sessions::size,
                new PersonalDataRoutes(personalData), new RetentionRoutes(retention), new PortalEventRoutes(portalEvents));
        edge = new ChatEdgeServer(settings.edge(), node, tokens, new HealthEndpoint(sessions::size), clock);
        internalEdge = ChatEdgeServer.httpOnly(settings.internalApi(), api);
        try {
            internalPort = internalEdge.start();
            try {
                port = edge.start();
            } catch (InterruptedException | RuntimeException e) {
                internalEdge.stop();
                throw e;
            }
            retention.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the chat ports", e);
        }
    }

    /**
     * Claims the node id (refusing to start with {@link nl.klaslijn.chat.nodes.NodeIdTakenException} while
     * another running node holds it), builds the node and starts listening; the session must already hold the
     * migrated chat schema.
     */
    public static ChatServer start(ChatSettings settings, CqlSession session, Clock clock) {
        NodeLease lease = NodeLease.claim(session, settings.nodeId(), settings.nodes(), clock);
        try {
            return new ChatServer(settings, session, clock, lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The bound port (the configured one, or the free one picked for port 0). */
    public int port() {
        return port;
    }

    /** The bound port of the internal API (HTTP only, its own address). */
    public int internalPort() {
        return internalPort;
    }

    /** Verifies access tokens (this node cannot sign any). */
    public TokenVerifier tokens() {
        return tokens;
    }

    public SchoolDirectory directory() {
        return directory;
    }

    /** Users' and schools' chat settings (the demo school opts its parents in; tests set choices explicitly). */
    public Preferences preferences() {
        return preferences;
    }

    public Conversations conversations() {
        return conversations;
    }

    public Messages messages() {
        return messages;
    }

    public LocalSessions sessions() {
        return sessions;
    }

    /** The school retention settings and the sweep (tests run {@link Retention#sweep()} directly). */
    public Retention retention() {
        return retention;
    }

    /** Stops accepting connections and closes the open ones (they are told {@code shutting-down}). */
    @Override
    public void close() {
        edge.stop();
        internalEdge.stop();
        retention.close();
        personalData.close();
        presenceEngine.close();
        presence.quiesce(java.time.Duration.ofSeconds(2)); // contacts hear "offline" before the broker closes
        hub.broker().close();
        lease.close(); // last: the id is free for a replacement once this node issues no more
    }
}
