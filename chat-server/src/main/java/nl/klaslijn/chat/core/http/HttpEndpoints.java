package nl.klaslijn.chat.core.http;

import java.util.concurrent.CompletionStage;

/**
 * Plain HTTP requests that reach the chat server's port without a WebSocket upgrade: health and the
 * small internal API portal-api calls. The transport aggregates the request (bounded size), calls
 * {@link #handle}, and writes the reply. Never blocks the calling thread.
 */
public interface HttpEndpoints {

    CompletionStage<HttpReply> handle(HttpCall call);
}
