package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import nl.klaslijn.chat.protocol.RequestException;
import org.junit.jupiter.api.Test;

class DestinationTest {

    private final UUID id = UUID.randomUUID();

    @Test
    void parsesEverySubscribeDestination() {
        assertThat(Destination.forSubscribe("/user/events")).isInstanceOf(Destination.UserEvents.class);
        assertThat(Destination.forSubscribe("/user/replies")).isInstanceOf(Destination.UserReplies.class);
        assertThat(Destination.forSubscribe("/conversations/" + id)).isEqualTo(new Destination.ConversationTopic(id));
    }

    @Test
    void parsesEverySendDestination() {
        assertThat(Destination.forSend("/app/conversations/" + id + "/messages")).isEqualTo(new Destination.PostMessage(id));
        assertThat(Destination.forSend("/app/conversations/" + id + "/read")).isEqualTo(new Destination.MarkRead(id));
        assertThat(Destination.forSend("/app/conversations")).isInstanceOf(Destination.ListConversations.class);
        assertThat(Destination.forSend("/app/direct")).isInstanceOf(Destination.StartDirect.class);
        assertThat(Destination.forSend("/app/history")).isInstanceOf(Destination.History.class);
        assertThat(Destination.forSend("/app/sync")).isInstanceOf(Destination.Sync.class);
    }

    @Test
    void rejectsUnknownAndMalformedDestinations() {
        for (String bad : new String[] {"/app/nowhere", "/conversations/not-a-uuid", "/app/conversations/" + id + "/delete",
                "/app/conversations/" + id, "/user/events/extra", "/conversations/" + id.toString().toUpperCase(),
                "/user/events".repeat(20)}) {
            assertThatThrownBy(() -> Destination.forSend(bad)).as("SEND " + bad).isInstanceOf(RequestException.class)
                    .extracting(e -> ((RequestException) e).code()).isEqualTo(ErrorCode.UNKNOWN_DESTINATION);
            assertThatThrownBy(() -> Destination.forSubscribe(bad)).as("SUBSCRIBE " + bad)
                    .isInstanceOf(RequestException.class)
                    .extracting(e -> ((RequestException) e).code()).isEqualTo(ErrorCode.UNKNOWN_DESTINATION);
        }
    }

    @Test
    void errorMessagesDoNotEchoLongInput() {
        assertThatThrownBy(() -> Destination.forSend("/x".repeat(500)))
                .hasMessageEndingWith("…")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(120));
    }
}
