package nl.klaslijn.common.jobs;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster engine: one Redis stream per queue ({@code XADD} with fields {@code id} and {@code body}), a Redis
 * consumer group per group ({@code XGROUP CREATE ... 0 MKSTREAM}, so jobs enqueued before the group existed are
 * seen), {@code XREADGROUP ... >} to claim, {@code XACK} then {@code XDEL} to acknowledge (the queue serves one group;
 * an acked entry is removed so the stream does not grow), and {@code XAUTOCLAIM} to take over the entries a dead
 * consumer left pending. Needs Redis 6.2 or newer. Each consumer has a connection of its own (its claim blocks).
 */
public final class RedisJobQueue implements JobQueue {

    private final RedisClient client;
    private final boolean ownsClient;
    private final String stream;
    private final StatefulRedisConnection<String, String> connection;

    /** A queue on stream {@code stream} of the Redis at {@code uri} ({@code redis://host:port}); owns its client. */
    public static RedisJobQueue connect(String uri, String stream) {
        return new RedisJobQueue(RedisClient.create(uri), true, stream);
    }

    /** A queue on a client the caller owns (and closes after this queue). */
    public RedisJobQueue(RedisClient client, String stream) {
        this(client, false, stream);
    }

    private RedisJobQueue(RedisClient client, boolean ownsClient, String stream) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.stream = stream;
        this.connection = client.connect();
    }

    @Override
    public void enqueue(Job job) {
        connection.sync().xadd(stream, Map.of("id", job.id(), "body", job.body()));
    }

    @Override
    public JobConsumer consumer(String group, String consumer) {
        StatefulRedisConnection<String, String> own = client.connect();
        try {
            own.sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // BUSYGROUP: the group exists already.
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        return new StreamConsumer(own, Consumer.from(group, consumer));
    }

    @Override
    public void close() {
        connection.close();
        if (ownsClient) {
            client.shutdown();
        }
    }

    private final class StreamConsumer implements JobConsumer {

        private final StatefulRedisConnection<String, String> connection;
        private final Consumer<String> consumer;

        StreamConsumer(StatefulRedisConnection<String, String> connection, Consumer<String> consumer) {
            this.connection = connection;
            this.consumer = consumer;
        }

        @Override
        public List<ClaimedJob> claim(int max, Duration wait) {
            XReadArgs args = XReadArgs.Builder.count(max);
            if (!wait.isZero()) {
                args.block(wait); // BLOCK 0 would wait forever: no wait means no BLOCK
            }
            return jobs(commands().xreadgroup(consumer, args, XReadArgs.StreamOffset.lastConsumed(stream)));
        }

        @Override
        public List<ClaimedJob> reclaim(Duration visibilityTimeout, int max) {
            XAutoClaimArgs<String> args = new XAutoClaimArgs<String>().consumer(consumer).minIdleTime(visibilityTimeout)
                    .startId("0-0").count(max);
            return jobs(commands().xautoclaim(stream, args).getMessages());
        }

        @Override
        public void ack(ClaimedJob job) {
            commands().xack(stream, consumer.getGroup(), job.receipt());
            commands().xdel(stream, job.receipt());
        }

        @Override
        public void close() {
            connection.close();
        }

        private RedisCommands<String, String> commands() {
            return connection.sync();
        }

        /** Entries deleted meanwhile come back without a body (Redis 6.2) or not at all (7.0): skipped. */
        private List<ClaimedJob> jobs(List<StreamMessage<String, String>> messages) {
            List<ClaimedJob> jobs = new ArrayList<>();
            for (StreamMessage<String, String> m : messages) {
                Map<String, String> body = m.getBody();
                if (body != null && body.containsKey("id") && body.containsKey("body")) {
                    jobs.add(new ClaimedJob(new Job(body.get("id"), body.get("body")), m.getId()));
                }
            }
            return jobs;
        }
    }
}
