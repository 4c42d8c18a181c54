package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelPipeline;

/**
 * What runs above the WebSocket layer once a handshake succeeded: STOMP in production
 * ({@link StompApplication}), an echo for the Autobahn conformance run.
 */
interface WebSocketApplication {

    /**
     * Adds the application's handlers at the end of the pipeline. They receive complete
     * {@code TextWebSocketFrame}/{@code BinaryWebSocketFrame} messages and {@link WebSocketFrameHandler#KEEPALIVE};
     * they write WebSocket frames. Called on the channel's event loop.
     */
    void install(ChannelPipeline pipeline);
}
