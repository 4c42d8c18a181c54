package nl.klaslijn.devstack.cassandra;

import java.nio.file.Path;

/**
 * Where a node keeps everything, all under one data directory:
 *
 * <pre>
 * conf/cassandra.yaml, conf/logback.xml   regenerated on every start
 * data/ commitlog/ saved_caches/ hints/ cdc_raw/   Cassandra's own
 * logs/system.log                         Cassandra's log (INFO and up)
 * logs/stdout.log                         the JVM's stdout and stderr (crashes before logging)
 * launcher/                               the child main class, copied on every start
 * triggers/                               empty (Cassandra wants one)
 * klaslijn-node.properties                cluster name, token, storage port: kept across restarts
 * klaslijn-node.lock                      held by the launching JVM while the node runs
 * </pre>
 */
record NodeLayout(Path dataDirectory) {

    Path confDirectory() {
        return dataDirectory.resolve("conf");
    }

    Path cassandraYaml() {
        return confDirectory().resolve("cassandra.yaml");
    }

    Path logbackXml() {
        return confDirectory().resolve("logback.xml");
    }

    Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    Path systemLog() {
        return logDirectory().resolve("system.log");
    }

    Path stdoutLog() {
        return logDirectory().resolve("stdout.log");
    }

    Path launcherDirectory() {
        return dataDirectory.resolve("launcher");
    }

    Path triggersDirectory() {
        return dataDirectory.resolve("triggers");
    }

    Path identityFile() {
        return dataDirectory.resolve("klaslijn-node.properties");
    }

    Path lockFile() {
        return dataDirectory.resolve("klaslijn-node.lock");
    }

    Path cassandraDirectory(String name) {
        return dataDirectory.resolve(name);
    }
}
