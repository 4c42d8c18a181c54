package nl.klaslijn.chat.presence;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster engine, in Redis (through Lettuce). Keys, all under the deployment's prefix:
 *
 * <ul>
 *   <li>{@code p:<school>:<user>}: a hash, node id to that node's state for the user (online or away).
 *   <li>{@code nu:<node>}: a set of {@code <school>:<user>} the node has reported, for cleanup.
 *   <li>{@code nodes}: a sorted set, node id to its last heart-beat (epoch millis), every third of the
 *       node timeout.
 *   <li>{@code lost:<node>}: a 60 s claim, so exactly one survivor cleans up after a lost node.
 * </ul>
 *
 * A node whose heart-beat is older than the timeout is lost: its hash fields stop counting at once (each
 * node keeps the set of lost nodes from its own heart-beat check), and the survivor holding the claim
 * deletes them and calls the lost listener for each user, so their contacts see them go offline.
 *
 * <p>A slow or absent Redis cannot hang a caller or fill the heap: every command fails after the command
 * timeout, fails at once while the connection is down (no queueing until it is back), and at once when the
 * connection already holds {@code requestQueueSize} unanswered commands. What this node reports is also kept
 * here ({@link #own}); after a write that failed, a Redis that lost its data (restarted) or a survivor that
 * took this node for lost and removed its entries, the next heart-beat writes them all again.
 */
public final class RedisPresence implements PresenceEngine {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final ScheduledExecutorService timer;
    private final String prefix;
    private final String self;
    private final long timeoutMillis;
    private final Set<String> lostNodes = ConcurrentHashMap.newKeySet();
    /** What this node reports, {@code <school>:<user>} to state; changed, and the matching writes sent, under itself. */
    private final Map<String, PresenceState> own = new HashMap<>();
    /** A write of this node's entries failed since they were last all written: the next heart-beat writes them again. */
    private final AtomicBoolean stale = new AtomicBoolean();
    private volatile LostListener listener = (school, user, now) -> {};
    private volatile Runnable nodeLost = () -> {};

    private RedisPresence(String redisUri, String prefix, int nodeId, Duration nodeTimeout, Duration commandTimeout,
            int requestQueueSize) {
        RedisURI uri = RedisURI.create(redisUri);
        uri.setTimeout(commandTimeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(requestQueueSize)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .build());
        try {
            this.connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2)); // no threads left behind by a node that does not start
            throw e;
        }
        this.redis = connection.async();
        this.prefix = prefix;
        this.self = Integer.toString(nodeId);
        this.timeoutMillis = nodeTimeout.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presence-heartbeat-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects, announces this node and starts its heart-beat. Every command is bounded by
     * {@code commandTimeout}; at most {@code requestQueueSize} commands wait for Redis at once.
     */
    public static RedisPresence connect(String redisUri, String prefix, int nodeId, Duration nodeTimeout,
            Duration commandTimeout, int requestQueueSize) {
        RedisPresence engine = new RedisPresence(redisUri, prefix, nodeId, nodeTimeout, commandTimeout, requestQueueSize);
        engine.removeOwnEntries(); // a node restarted after a crash starts clean (its old entries are ghosts)
        engine.heartbeat();
        long every = Math.max(100, engine.timeoutMillis / 3);
        engine.timer.scheduleWithFixedDelay(engine::heartbeat, every, every, TimeUnit.MILLISECONDS);
        return engine;
    }

    @Override
    public void onLost(LostListener lostListener, Runnable lostNode) {
        this.listener = lostListener;
        this.nodeLost = lostNode;
    }

    @Override
    public CompletionStage<PresenceState> report(UUID school, UUID user, @Nullable PresenceState local) {
        String key = userKey(school, user);
        String member = school + ":" + user;
        synchronized (own) {
            if (local == null || local == PresenceState.OFFLINE) {
                own.remove(member);
                watch(redis.hdel(key, self));
                watch(redis.srem(prefix + "nu:" + self, member));
            } else {
                own.put(member, local);
                watch(redis.hset(key, self, local.wireName()));
                watch(redis.sadd(prefix + "nu:" + self, member));
            }
        }
        return redis.hgetall(key).thenApply(this::best);
    }

    /** A write that fails (timed out, rejected, queue full) makes the next heart-beat write every entry again. */
    private void watch(CompletionStage<?> write) {
        write.whenComplete((ignored, failure) -> {
            if (failure != null) {
                stale.set(true);
            }
        });
    }

    @Override
    public CompletionStage<Map<UUID, PresenceState>> states(UUID school, Collection<UUID> users) {
        List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
        List<UUID> order = new ArrayList<>(users);
        for (UUID user : order) {
            reads.add(redis.hgetall(userKey(school, user)).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<UUID, PresenceState> out = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                out.put(order.get(i), best(reads.get(i).join()));
            }
            return out;
        });
    }

    private PresenceState best(Map<String, String> byNode) {
        PresenceState best = PresenceState.OFFLINE;
        for (Map.Entry<String, String> e : byNode.entrySet()) {
            if (!lostNodes.contains(e.getKey())) {
                best = PresenceState.best(best, "away".equals(e.getValue()) ? PresenceState.AWAY : PresenceState.ONLINE);
            }
        }
        return best;
    }

    private void heartbeat() {
        try {
            long now = System.currentTimeMillis();
            String nodes = prefix + "nodes";
            // Absent from the sorted set: Redis lost its data, or a survivor took this node for lost and removed its entries.
            boolean rewrite = redis.zscore(nodes, self).get(5, TimeUnit.SECONDS) == null | stale.getAndSet(false);
            try {
                redis.zadd(nodes, (double) now, self).get(5, TimeUnit.SECONDS);
                if (rewrite) {
                    rewriteOwnEntries();
                }
            } catch (Exception e) {
                stale.set(rewrite || stale.get());
                throw e;
            }
            List<String> stale = redis.zrangebyscore(nodes, Range.create(0d, (double) (now - timeoutMillis)))
                    .get(5, TimeUnit.SECONDS);
            lostNodes.retainAll(stale);
            for (String node : stale) {
                if (!node.equals(self)) {
                    lostNodes.add(node);
                    cleanUp(node); // tried on every beat while the node is listed: a claim holder that died mid-way is replaced
                }
            }
        } catch (Exception e) {
            log.debug("presence heart-beat failed; retried on the next beat", e);
        }
    }

    /**
     * Writes every entry this node reports again, and removes those it listed but no longer reports. The
     * writes are sent under the same lock as {@link #report}'s, so a report made meanwhile is not undone.
     */
    private void rewriteOwnEntries() throws Exception {
        String listKey = prefix + "nu:" + self;
        Set<String> listed = redis.smembers(listKey).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        int reported;
        synchronized (own) {
            reported = own.size();
            own.forEach((member, state) -> {
                writes.add(redis.hset(memberKey(member), self, state.wireName()).toCompletableFuture());
                writes.add(redis.sadd(listKey, member).toCompletableFuture());
            });
            for (String member : listed) {
                if (!own.containsKey(member)) {
                    writes.add(redis.hdel(memberKey(member), self).toCompletableFuture());
                    writes.add(redis.srem(listKey, member).toCompletableFuture());
                }
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        if (!writes.isEmpty()) {
            log.info("presence entries of this node written again ({} users)", reported);
        }
    }

    private String memberKey(String member) {
        return prefix + "p:" + member;
    }

    /** One survivor (the claim holder) removes a lost node's entries and tells the listener. */
    private void cleanUp(String node) throws Exception {
        String claimed = redis.set(prefix + "lost:" + node, self, SetArgs.Builder.nx().ex(60)).get(5, TimeUnit.SECONDS);
        if (!"OK".equals(claimed)) {
            return;
        }
        log.warn("chat node {} stopped its heart-beat; removing its presence entries", node);
        for (String member : redis.smembers(prefix + "nu:" + node).get(5, TimeUnit.SECONDS)) {
            int colon = member.indexOf(':');
            UUID school = UUID.fromString(member.substring(0, colon));
            UUID user = UUID.fromString(member.substring(colon + 1));
            String key = userKey(school, user);
            redis.hdel(key, node);
            PresenceState now = best(redis.hgetall(key).get(5, TimeUnit.SECONDS));
            listener.lost(school, user, now);
        }
        redis.del(prefix + "nu:" + node);
        redis.zrem(prefix + "nodes", node);
        nodeLost.run();
    }

    private String userKey(UUID school, UUID user) {
        return prefix + "p:" + school + ":" + user;
    }

    /**
     * Removes every entry this node holds and the node itself, telling the listener about each user who
     * is offline afterwards (their contacts hear it now, not after the node timeout).
     */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            removeOwnEntries();
        } catch (Exception e) {
            log.warn("could not remove this node's presence entries on close; the survivors will after the node timeout", e);
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private void removeOwnEntries() {
        try {
            for (String member : redis.smembers(prefix + "nu:" + self).get(5, TimeUnit.SECONDS)) {
                int colon = member.indexOf(':');
                UUID school = UUID.fromString(member.substring(0, colon));
                UUID user = UUID.fromString(member.substring(colon + 1));
                String key = userKey(school, user);
                redis.hdel(key, self);
                if (best(redis.hgetall(key).get(5, TimeUnit.SECONDS)) == PresenceState.OFFLINE) {
                    listener.lost(school, user, PresenceState.OFFLINE);
                }
            }
            redis.del(prefix + "nu:" + self).get(5, TimeUnit.SECONDS);
            redis.zrem(prefix + "nodes", self).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not remove this node's presence entries", e);
        }
    }
}
