package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import com.datastax.oss.driver.api.core.DriverException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import nl.klaslijn.chat.conversations.ConversationException;
import nl.klaslijn.chat.messages.SendException;
import nl.klaslijn.chat.nodes.NodeUnavailableException;
import nl.klaslijn.chat.protocol.RequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps failures of asynchronous work to the protocol's error codes. Logs only unexpected failures, without personal data. */
public final class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    public static RequestException toRequestException(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestException request) {
            return request;
        }
        if (cause instanceof ConversationException conversation) {
            return new RequestException(switch (conversation.reason()) {
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case INVALID -> ErrorCode.MALFORMED_BODY;
                case FORBIDDEN -> ErrorCode.NOT_A_MEMBER;
                case READ_ONLY, NOT_ALLOWED -> ErrorCode.FORBIDDEN;
                case MODULE_OFF -> ErrorCode.MODULE_OFF;
            }, conversation.getMessage());
        }
        if (cause instanceof SendException send) {
            return new RequestException(switch (send.reason()) {
                case CLIENT_ID_REUSED -> ErrorCode.CLIENT_ID_REUSED;
                case RETRY -> ErrorCode.STORAGE_UNAVAILABLE;
            }, send.getMessage());
        }
        if (cause instanceof NodeUnavailableException node) {
            return new RequestException(ErrorCode.NODE_UNAVAILABLE, node.getMessage());
        }
        if (cause instanceof DriverException) {
            log.warn("storage request failed: {}", cause.getClass().getSimpleName());
            return new RequestException(ErrorCode.STORAGE_UNAVAILABLE,
                    "storage is unavailable; retry with the same client message id");
        }
        log.error("unexpected failure while handling a request", cause);
        return new RequestException(ErrorCode.INTERNAL, "internal error");
    }
}
