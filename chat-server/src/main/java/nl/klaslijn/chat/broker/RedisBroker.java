package nl.klaslijn.chat.broker;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis engine (Lettuce): SPUBLISH/SSUBSCRIBE when the server has sharded pub/sub (Redis 7+,
 * or as {@link BrokerSettings#sharded()} says), else PUBLISH/SUBSCRIBE.
 *
 * <p>Two connections: one subscriber connection that Lettuce reconnects and resubscribes by itself,
 * and one publisher ({@link RedisPublisher}) that never replays a publish. Every subscription change
 * is sent while holding the subscription lock, so the server's subscriptions end in the same order as
 * the desired set. Health ({@link RedisHealth}): a lost subscriber connection, or
 * {@link BrokerSettings#failedProbes()} pings on it in a row that fail or time out (a frozen Redis), make
 * the broker interrupted; once a ping succeeds again, the whole desired set is subscribed once more and
 * only then is the broker resumed. Each connection holds at most {@link BrokerSettings#requestQueueSize()}
 * unanswered commands.
 */
public final class RedisBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final Pattern VERSION = Pattern.compile("redis_version:(\\d+)\\.");
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final BrokerListener listener;
    private final String prefix;
    private final boolean sharded;
    private final ClientResources resources;
    private final RedisClient subscriberClient;
    private final RedisClient publisherClient;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final RedisPublisher publisher;
    private final RedisHealth health;
    /** The desired subscriptions (without prefix). Changed, and the matching command sent, under {@code this}. */
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    /**
     * Channels whose unsubscribe Redis did not confirm (e.g. sent while disconnected): Lettuce may
     * resubscribe them on reconnect, so {@link #resubscribeAll()} unsubscribes them again. Under {@code this}.
     */
    private final Set<String> unconfirmedUnsubscribes = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RedisBroker(BrokerSettings settings, BrokerListener listener) {
        this.listener = listener;
        this.prefix = settings.channelPrefix();
        RedisURI uri = RedisURI.create(settings.redisUri());
        uri.setTimeout(settings.commandTimeout());
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), settings.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
        this.subscriberClient = client(settings, true);
        this.publisherClient = client(settings, false);
        try {
            StatefulRedisConnection<String, byte[]> firstPublisher = publisherClient.connect(CODEC, uri);
            this.sharded = switch (settings.sharded()) {
                case ON -> true;
                case OFF -> false;
                case AUTO -> majorVersion(firstPublisher.sync().info("server")) >= 7;
            };
            this.publisher = new RedisPublisher(publisherClient, uri, CODEC, sharded, settings.failedProbes(), firstPublisher);
            this.subscriber = subscriberClient.connectPubSub(CODEC, uri);
        } catch (RedisException e) {
            shutdownClients();
            throw new BrokerUnavailableException("Cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                deliver(channel, message);
            }

            @Override
            public void smessage(String channel, byte[] message) {
                deliver(channel, message);
            }
        });
        this.health = new RedisHealth(this, listener, settings.healthInterval(), settings.failedProbes(), publisher);
        subscriber.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                health.connectionLost();
            }
        });
        health.start();
    }

    /** Connects to Redis now; throws {@link BrokerUnavailableException} if it cannot. */
    public static RedisBroker connect(BrokerSettings settings, BrokerListener listener) {
        return new RedisBroker(settings, listener);
    }

    /** Whether this broker uses sharded pub/sub (SPUBLISH/SSUBSCRIBE). */
    public boolean usesShardedPubSub() {
        return sharded;
    }

    @Override
    public CompletionStage<Void> publish(String channel, byte[] payload) {
        Channels.check(channel);
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("broker closed"));
        }
        return publisher.publish(prefix + channel, payload);
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        Channels.check(channel);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new BrokerUnavailableException("broker closed"));
            }
            channels.add(channel);
            unconfirmedUnsubscribes.remove(channel);
            return confirmed(sharded ? commands().ssubscribe(prefix + channel) : commands().subscribe(prefix + channel));
        }
    }

    @Override
    public CompletionStage<Void> unsubscribe(String channel) {
        Channels.check(channel);
        synchronized (this) {
            if (!channels.remove(channel) || closed) {
                return CompletableFuture.completedFuture(null);
            }
            CompletionStage<Void> sent = confirmed(sharded ? commands().sunsubscribe(prefix + channel) : commands().unsubscribe(prefix + channel));
            return sent.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    synchronized (this) {
                        if (!channels.contains(channel)) {
                            unconfirmedUnsubscribes.add(channel);
                        }
                    }
                }
            });
        }
    }

    @Override
    public boolean isLive() {
        return !closed && health.isLive();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        health.close();
        publisher.close();
        subscriber.close();
        shutdownClients();
    }

    /** Subscribes the whole desired set again (after an interruption); completes when Redis confirmed it. */
    CompletionStage<Void> resubscribeAll() {
        synchronized (this) {
            CompletionStage<Void> subscribed = CompletableFuture.completedFuture(null);
            if (!channels.isEmpty()) {
                String[] wire = channels.stream().map(channel -> prefix + channel).toArray(String[]::new);
                subscribed = confirmed(sharded ? commands().ssubscribe(wire) : commands().subscribe(wire));
            }
            if (!unconfirmedUnsubscribes.isEmpty()) {
                List<String> stale = List.copyOf(unconfirmedUnsubscribes);
                String[] wire = stale.stream().map(channel -> prefix + channel).toArray(String[]::new);
                CompletionStage<Void> unsubscribed = confirmed(sharded ? commands().sunsubscribe(wire) : commands().unsubscribe(wire));
                subscribed = subscribed.thenCombine(unsubscribed, (a, b) -> null);
                unsubscribed.thenRun(() -> {
                    synchronized (this) {
                        stale.forEach(unconfirmedUnsubscribes::remove);
                    }
                });
            }
            return subscribed;
        }
    }

    /** Pings over the subscriber connection (allowed in subscribed mode); bounded by the command timeout. */
    CompletionStage<String> ping() {
        return commands().ping();
    }

    private RedisPubSubAsyncCommands<String, byte[]> commands() {
        return subscriber.async();
    }

    private void deliver(String wireChannel, byte[] payload) {
        if (closed || !wireChannel.startsWith(prefix)) {
            return;
        }
        String channel = wireChannel.substring(prefix.length());
        if (!channels.contains(channel)) {
            return; // unsubscribed meanwhile: never deliver after unsubscribe returned
        }
        try {
            listener.message(channel, payload);
        } catch (RuntimeException e) {
            log.warn("Broker listener failed on a message; dropped", e);
        }
    }

    private RedisClient client(BrokerSettings settings, boolean autoReconnect) {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(autoReconnect)
                .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.requestQueueSize())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
                .build());
        return client;
    }

    private void shutdownClients() {
        subscriberClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        publisherClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static CompletionStage<Void> confirmed(CompletionStage<Void> command) {
        return command.handle((ignored, failure) -> {
            if (failure != null) {
                throw new BrokerUnavailableException("subscription change not confirmed by Redis", failure);
            }
            return null;
        });
    }

    private static int majorVersion(String info) {
        Matcher matcher = VERSION.matcher(info);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
