package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelPipeline;
import nl.klaslijn.chat.core.ChatCore;
import nl.klaslijn.common.auth.TokenVerifier;

/** STOMP 1.2 over the WebSocket layer: the decoder, then authentication (which hands over to dispatch). */
final class StompApplication implements WebSocketApplication {

    private final EdgeSettings settings;
    private final ChatCore core;
    private final TokenVerifier tokens;
    private final ConnectionTimers timers;
    private final StompDecoder decoder;

    StompApplication(EdgeSettings settings, ChatCore core, TokenVerifier tokens) {
        this(settings, core, tokens, java.time.Clock.systemUTC());
    }

    StompApplication(EdgeSettings settings, ChatCore core, TokenVerifier tokens, java.time.Clock clock) {
        this.settings = settings;
        this.core = core;
        this.tokens = tokens;
        this.timers = new ConnectionTimers(settings, clock);
        this.decoder = new StompDecoder(settings);
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        pipeline.addLast(EdgeInitializer.STOMP_DECODER, decoder);
        pipeline.addLast(EdgeInitializer.STOMP_AUTH, new StompAuthHandler(this));
    }

    EdgeSettings settings() {
        return settings;
    }

    ChatCore core() {
        return core;
    }

    TokenVerifier tokens() {
        return tokens;
    }

    ConnectionTimers timers() {
        return timers;
    }
}
