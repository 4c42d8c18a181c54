package nl.klaslijn.common.cassandra;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a service talks to Cassandra.
 *
 * @param contactPoints at least one node; the driver discovers the rest
 * @param localDatacenter the data center whose nodes serve requests ({@code datacenter1} for a dev node)
 * @param keyspace an unquoted CQL identifier: letters, digits, underscore, starting with a letter, at
 *     most 48 characters (Cassandra stores it lower-cased)
 * @param replication the CQL map used when the schema migrator creates the keyspace, e.g. {@value
 *     #DEFAULT_REPLICATION}; ignored once the keyspace exists
 * @param requestTimeout the timeout of ordinary requests (DDL gets {@link CassandraSessions#DDL_TIMEOUT})
 * @param security authentication and TLS ({@link CassandraSecurity#none()} for a local development node)
 */
public record CassandraSettings(
        List<InetSocketAddress> contactPoints,
        String localDatacenter,
        String keyspace,
        String replication,
        Duration requestTimeout,
        CassandraSecurity security) {

    public static final String DEFAULT_REPLICATION = "{'class':'SimpleStrategy','replication_factor':1}";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_PORT = 9042;
    private static final Pattern KEYSPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

    public CassandraSettings {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one contact point is required");
        }
        if (localDatacenter.isBlank()) {
            throw new IllegalArgumentException("localDatacenter is required");
        }
        if (!KEYSPACE.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("keyspace must be an unquoted CQL identifier (letters, digits, _), got '"
                    + keyspace + "'");
        }
        if (!replication.strip().startsWith("{") || !replication.strip().endsWith("}")) {
            throw new IllegalArgumentException("replication must be a CQL map such as " + DEFAULT_REPLICATION);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** Without authentication and TLS. */
    public CassandraSettings(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
            String replication, Duration requestTimeout) {
        this(contactPoints, localDatacenter, keyspace, replication, requestTimeout, CassandraSecurity.none());
    }

    /** One contact point, default replication and request timeout. */
    public static CassandraSettings of(InetSocketAddress contactPoint, String localDatacenter, String keyspace) {
        return new CassandraSettings(
                List.of(contactPoint), localDatacenter, keyspace, DEFAULT_REPLICATION, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Settings for a service: the local node's address when one was started for it, else the configured
     * {@code host[:port]} contact points; the default request timeout.
     */
    public static CassandraSettings of(@Nullable InetSocketAddress localNode, List<String> contactPoints,
            String localDatacenter, String keyspace, String replication) {
        List<InetSocketAddress> points = localNode != null
                ? List.of(localNode)
                : parseContactPoints(String.join(",", contactPoints));
        return new CassandraSettings(points, localDatacenter, keyspace, replication, DEFAULT_REQUEST_TIMEOUT);
    }

    public CassandraSettings withSecurity(CassandraSecurity security) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, replication, requestTimeout, security);
    }

    public CassandraSettings withKeyspace(String keyspace) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, replication, requestTimeout, security);
    }

    public CassandraSettings withReplication(String replication) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, replication, requestTimeout, security);
    }

    public CassandraSettings withRequestTimeout(Duration requestTimeout) {
        return new CassandraSettings(contactPoints, localDatacenter, keyspace, replication, requestTimeout, security);
    }

    /**
     * Parses {@code "host[:port],host[:port]"} (IPv6 as {@code [::1]:9042}; port default {@value #DEFAULT_PORT}) into unresolved
     * addresses: the driver resolves them when it connects.
     */
    public static List<InetSocketAddress> parseContactPoints(String text) {
        List<InetSocketAddress> points = new ArrayList<>();
        for (String part : text.split(",")) {
            String point = part.strip();
            if (point.isEmpty()) {
                continue;
            }
            int colon = point.lastIndexOf(':');
            boolean hasPort = colon > 0 && (point.indexOf(':') == colon || point.charAt(colon - 1) == ']');
            String host = hasPort ? point.substring(0, colon) : point;
            int port = hasPort ? Integer.parseInt(point.substring(colon + 1)) : DEFAULT_PORT;
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            points.add(InetSocketAddress.createUnresolved(host, port));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no contact points in '" + text + "'");
        }
        return points;
    }
}
