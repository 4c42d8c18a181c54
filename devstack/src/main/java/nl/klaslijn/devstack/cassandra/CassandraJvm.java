package nl.klaslijn.devstack.cassandra;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The command line of the Cassandra child JVM. */
final class CassandraJvm {

    static final String CHILD_MAIN = "nl.klaslijn.devstack.cassandra.child.ChildMain";

    /**
     * The module flags of upstream Cassandra 5.0 {@code conf/jvm17-server.options} (without them:
     * IllegalAccessException on {@code sun.nio.ch.DirectBuffer.cleaner}) and its Netty properties.
     */
    static final List<String> JDK17_OPTIONS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    private CassandraJvm() {}

    /**
     * @param jmxPort a loopback JMX port, or 0 for none (Cassandra 5.0 starts no JMX server unless
     *     {@code cassandra.jmx.local.port} or {@code cassandra.jmx.remote.port} is set)
     */
    static List<String> command(
            Path java, List<Path> classpath, NodeLayout layout, String heap, int jmxPort, List<String> extraOptions) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-Xss256k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Djava.awt.headless=true");
        command.addAll(JDK17_OPTIONS);
        command.add("-Dcassandra-foreground=yes");
        command.add("-Dcassandra.config=" + layout.cassandraYaml().toUri());
        command.add("-Dcassandra.storagedir=" + layout.dataDirectory());
        command.add("-Dcassandra.logdir=" + layout.logDirectory());
        command.add("-Dcassandra.triggers_dir=" + layout.triggersDirectory());
        command.add("-Dlogback.configurationFile=" + layout.logbackXml().toUri());
        command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        command.add("-Dcassandra.shutdown_announce_in_ms=0");
        command.add("-Dcassandra.test.messagingService.nonGracefulShutdown=true");
        if (jmxPort > 0) {
            command.add("-Dcassandra.jmx.local.port=" + jmxPort);
        }
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(Stream.concat(Stream.of(layout.launcherDirectory()), classpath.stream())
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        command.add(CHILD_MAIN);
        return command;
    }
}
