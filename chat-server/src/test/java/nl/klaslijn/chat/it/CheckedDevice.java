package nl.klaslijn.chat.it;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;

/**
 * One member's device in a fault test, behaving as docs/protocol.md asks of a client: it records every
 * chat message it receives live, runs /app/sync whenever the server sends a {@code resync} event, and,
 * when its connection drops, reconnects to the next node that answers and syncs. What it has seen is the
 * union of live and synced messages (deduplicated by id, as a client shows them); its live deliveries are
 * kept separately so duplicates there can be detected.
 */
final class CheckedDevice implements AutoCloseable {

    final UUID user;
    private final UUID conversation;
    private final List<Supplier<URI>> nodes;
    private final Supplier<String> token;
    private final ExecutorService syncer = Executors.newSingleThreadExecutor();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> live = Collections.synchronizedList(new ArrayList<>());
    private volatile StompClient client;
    private volatile String syncPoint = "0";
    private int preferred;

    CheckedDevice(UUID user, UUID conversation, List<Supplier<URI>> nodes, int preferred, Supplier<String> token) {
        this.user = user;
        this.conversation = conversation;
        this.nodes = nodes;
        this.preferred = preferred;
        this.token = token;
        connect();
    }

    /** The connection, reconnected (to the next node that answers) and synced if it had dropped. */
    synchronized StompClient client() {
        if (client == null || client.closed().isDone()) {
            connect();
        }
        return client;
    }

    private void connect() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < nodes.size() * 20; attempt++) {
            URI uri = nodes.get((preferred + attempt) % nodes.size()).get();
            try {
                StompClient c = StompClient.connect(uri, token.get(), Duration.ofSeconds(3));
                c.onMessage(this::received);
                TestNode.await(c.subscribe("/user/events"));
                TestNode.await(c.subscribe("/user/replies"));
                client = c;
                preferred = (preferred + attempt) % nodes.size();
                sync(c);
                return;
            } catch (RuntimeException e) {
                last = e;
                sleep(100);
            }
        }
        throw new IllegalStateException("no node accepted " + user, last);
    }

    private void received(StompFrame frame) {
        String type = frame.header("event-type");
        if ("message".equals(type) && conversation.toString().equals(frame.header("conversation-id"))) {
            String id = Wire.decode(frame.body().getBytes(StandardCharsets.UTF_8), Views.MessageEvent.class).message().id();
            live.add(id);
            seen.add(id);
        } else if ("resync".equals(type)) {
            StompClient c = client;
            syncer.execute(() -> {
                try {
                    sync(c);
                } catch (RuntimeException e) {
                    // the connection dropped meanwhile; the reconnect syncs
                }
            });
        }
    }

    /** Runs /app/sync from the last sync point until nothing is left, adding what it returns. */
    synchronized void sync(StompClient c) {
        for (int round = 0; round < 100; round++) {
            Views.SyncReply reply = Frames.reply(TestNode.await(c.request("/app/sync",
                    "{\"since\":\"" + syncPoint + "\",\"limit\":200}")), Views.SyncReply.class);
            boolean more = false;
            for (Views.ChangedConversation changed : reply.conversations()) {
                if (changed.conversation().id().equals(conversation.toString())) {
                    changed.messages().forEach(m -> seen.add(m.id()));
                    more |= !changed.complete();
                }
            }
            boolean moved = !reply.syncPoint().equals(syncPoint);
            syncPoint = reply.syncPoint();
            if (!more || !moved) {
                return;
            }
        }
    }

    /** Syncs on the current (or a new) connection. */
    void sync() {
        sync(client());
    }

    Set<String> seen() {
        return seen;
    }

    List<String> live() {
        synchronized (live) {
            return List.copyOf(live);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        syncer.shutdownNow();
        StompClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
