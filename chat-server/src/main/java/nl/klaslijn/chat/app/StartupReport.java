package nl.klaslijn.chat.app;

import java.time.Clock;
import java.util.Map;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.demo.DemoSeeder;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenSigner;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** After start: seeds the demo school when enabled, and prints where to connect. */
@Component
class StartupReport implements ApplicationRunner {

    private final ChatProperties properties;
    private final ChatServer server;
    private final ChatTokenKeys keys;
    private final Environment environment;

    StartupReport(ChatProperties properties, ChatServer server, ChatTokenKeys keys, Environment environment) {
        this.environment = environment;
        this.properties = properties;
        this.server = server;
        this.keys = keys;
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
        SigningKey demoKey = keys.demoSigningKey();
        if (properties.demo().enabled() && demoKey != null) {
            Map<String, String> tokens = new DemoSeeder(server.directory(), server.preferences(), server.conversations(),
                    server.messages(), new TokenSigner(demoKey, Clock.systemUTC(), keys.maxLifetime())).seed();
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

    private String internalHost() {
        return environment.getProperty("klaslijn.chat.internal.host", "127.0.0.1");
    }
}
