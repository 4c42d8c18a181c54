package nl.klaslijn.chat.app;

import java.util.Map;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.demo.DemoSeeder;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** After start: seeds the demo school when enabled, and prints where to connect. */
@Component
class StartupReport implements ApplicationRunner {

    private final ChatProperties properties;
    private final ChatServer server;

    StartupReport(ChatProperties properties, ChatServer server) {
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
        if (properties.demo().enabled()) {
            Map<String, String> tokens = new DemoSeeder(server.directory(), server.preferences(), server.conversations(),
                    server.messages(), server.tokens()).seed();
            DemoSeeder.writeTokens(properties.demo().tokensFile(), tokens);
            out.append("\n  Demo school 'OBS De Regenboog'. Users and their tokens (valid 12 h, also in ")
                    .append(properties.demo().tokensFile()).append("):\n");
            tokens.forEach((login, token) -> out.append(String.format("    %-7s %s%n", login, token)));
            out.append("\n  Try:  ./klaslijn chat --user sanne list\n");
            out.append("        ./klaslijn chat --user sanne chat 1\n");
        }
        out.append("\n  Ctrl-C stops the server and the local Cassandra node.\n");
        System.out.println(out);
    }
}
