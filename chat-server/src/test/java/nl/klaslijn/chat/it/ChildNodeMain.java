package nl.klaslijn.chat.it;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.chat.broker.BrokerSettings;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;

/**
 * A chat node in a JVM of its own, so a test can kill it the way a machine dies (SIGKILL: no shutdown
 * hook, no goodbye to Redis). Arguments: nodeId cassandraHost cassandraPort datacenter keyspace redisUri
 * channelPrefix presenceTimeoutMillis. Prints {@code READY <port>} when it listens.
 */
public final class ChildNodeMain {

    private ChildNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        int nodeId = Integer.parseInt(args[0]);
        CassandraSettings cassandra = CassandraSettings.of(
                new InetSocketAddress(args[1], Integer.parseInt(args[2])), args[3], args[4]);
        CqlSession session = CassandraSessions.open(cassandra);
        BrokerSettings broker = BrokerSettings.redis(args[5]).withChannelPrefix(args[6])
                .withCommandTimeout(Duration.ofMillis(500))
                .withHealthInterval(Duration.ofMillis(200))
                .withMaxReconnectDelay(Duration.ofMillis(300))
                .withResyncMinInterval(Duration.ofSeconds(1)); // the tests' resyncs need not wait the default 5 s
        ChatSettings settings = new ChatSettings(nodeId, TestKeys.VERIFICATION, Duration.ofDays(7), Duration.ofSeconds(30),
                EdgeSettings.builder().host("127.0.0.1").port(0).build())
                .withBroker(broker)
                .withPresenceNodeTimeout(Duration.ofMillis(Long.parseLong(args[7])));
        ChatServer server = ChatServer.start(settings, session, Clock.systemUTC());
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
