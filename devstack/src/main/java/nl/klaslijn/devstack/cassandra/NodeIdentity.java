package nl.klaslijn.devstack.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What must stay the same for a data directory across restarts: the cluster name and the token
 * (Cassandra refuses or re-tokenizes otherwise), plus the last storage port, reused when free.
 * Stored in {@link NodeLayout#identityFile()}.
 */
record NodeIdentity(String clusterName, String initialToken, int storagePort) {

    static final String DEFAULT_CLUSTER_NAME = "klaslijn";
    /** Any token works for a single node; fixed so a lost identity file does not matter. */
    static final String DEFAULT_TOKEN = "0";

    /**
     * The stored identity, or a new one for a fresh directory. A {@code requestedClusterName} that
     * differs from the stored one is an error: Cassandra would refuse to start on that data.
     */
    static NodeIdentity loadOrCreate(Path file, @Nullable String requestedClusterName) {
        if (!Files.isRegularFile(file)) {
            return new NodeIdentity(
                    requestedClusterName != null ? requestedClusterName : DEFAULT_CLUSTER_NAME, DEFAULT_TOKEN, 0);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String clusterName = properties.getProperty("cluster_name", DEFAULT_CLUSTER_NAME);
        if (requestedClusterName != null && !requestedClusterName.equals(clusterName)) {
            throw new IllegalStateException("Data directory " + file.getParent() + " belongs to cluster '" + clusterName
                    + "', not '" + requestedClusterName + "'");
        }
        return new NodeIdentity(
                clusterName,
                properties.getProperty("initial_token", DEFAULT_TOKEN),
                Integer.parseInt(properties.getProperty("storage_port", "0")));
    }

    NodeIdentity withStoragePort(int port) {
        return new NodeIdentity(clusterName, initialToken, port);
    }

    void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("cluster_name", clusterName);
        properties.setProperty("initial_token", initialToken);
        properties.setProperty("storage_port", Integer.toString(storagePort));
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "Identity of this Cassandra data directory (klaslijn-devstack); keep it with the data");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
