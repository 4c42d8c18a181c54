package nl.klaslijn.chat.app;

import nl.klaslijn.chat.ChatServer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * After start: prints where to connect. The chat has no demo people of its own: the local start's demo school is
 * portal-api's ({@code nl.klaslijn.portal.demo}), brought here by the chat sync.
 */
@Component
class StartupReport implements ApplicationRunner {

    private final ChatProperties properties;
    private final ChatServer server;
    private final Environment environment;

    StartupReport(ChatProperties properties, ChatServer server, Environment environment) {
        this.environment = environment;
        this.properties = properties;
        this.server = server;
    }

    @Override
    public void run(ApplicationArguments args) {
        StringBuilder out = new StringBuilder("\n");
        out.append("  Klaslijn chat server is ready\n");
        out.append("  WebSocket (STOMP 1.2, subprotocol v12.stomp): ws://").append(properties.chat().host()).append(':')
                .append(server.port()).append(properties.chat().path()).append('\n');
        out.append("  Health: http://").append(properties.chat().host()).append(':').append(server.port()).append("/health\n");
        out.append("  Internal API (portal-api only): http://").append(internalHost()).append(':')
                .append(server.internalPort()).append("/internal/v1\n");
        out.append("\n  Ctrl-C stops the server and the local Cassandra node.\n");
        System.out.println(out);
    }

    private String internalHost() {
        return environment.getProperty("klaslijn.chat.internal.host", "127.0.0.1");
    }
}
