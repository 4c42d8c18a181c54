package nl.klaslijn.chat.client;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One logged-in chat connection of the command-line client: the STOMP client, whose it is, and the names it knows. */
final class ChatConnection implements AutoCloseable {

    final StompClient client;
    final @Nullable PortalSession session;
    final UUID school;
    final UUID self;
    final PeopleBook people;
    private @Nullable ScheduledExecutorService refresher;

    ChatConnection(StompClient client, @Nullable PortalSession session, UUID school, UUID self, PeopleBook people) {
        this.client = client;
        this.session = session;
        this.school = school;
        this.self = self;
        this.people = people;
    }

    /** Connected and subscribed to /user/replies within {@link ChatCli#ANSWER_WITHIN}, or a sentence saying why not. */
    static StompClient connect(URI url, String chatToken) {
        StompClient client;
        try {
            client = StompClient.connect(url, chatToken, ChatCli.ANSWER_WITHIN);
        } catch (CompletionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new IllegalStateException("the chat server at " + url + " did not answer within "
                        + ChatCli.ANSWER_WITHIN.toSeconds() + " s");
            }
            throw e;
        }
        try {
            ChatCli.await(client.subscribe("/user/replies"));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** The conversation list with stable handles (one /app/conversations request). */
    ConversationList conversations() {
        JsonNode reply = ClientJson.tree(ChatCli.await(client.request("/app/conversations", "{}")).body());
        return ConversationList.of(reply.path("conversations"), school, self, people);
    }

    /** A request/reply round trip; the reply's body. */
    JsonNode request(String destination, Object body) {
        return ClientJson.tree(ChatCli.await(client.request(destination, ClientJson.write(body))).body());
    }

    /**
     * Keeps a long-lived connection (the live view) logged in: shortly before the chat token expires, refreshes the
     * portal session and hands the chat the next token in-band ({@code /app/token}, docs/protocol.md). A failed
     * refresh is reported; the connection then ends at the token's expiry, which the live view reports.
     */
    void keepTokenFresh(java.io.PrintStream err) {
        PortalSession s = session;
        if (s == null) {
            return;
        }
        long every = Math.max(10, s.expiresIn().toSeconds() - 60);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-token-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                client.send("/app/token", ClientJson.write(Map.of("token", s.refresh())));
            } catch (RuntimeException e) {
                err.println("(could not refresh the session: " + e.getMessage() + ")");
            }
        }, every, every, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        client.close();
    }
}
