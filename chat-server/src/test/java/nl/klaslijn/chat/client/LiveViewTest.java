package nl.klaslijn.chat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The command-line chat's live view against every event type of docs/protocol.md, an unknown one, and junk. */
class LiveViewTest {

    private static final String CONVERSATION = UUID.randomUUID().toString();
    private static final UUID SELF = UUID.randomUUID();
    private static final UUID SANNE = UUID.randomUUID();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> markedRead = new ArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final LiveView view = new LiveView(CONVERSATION, SELF, new PeopleBook(Map.of(SANNE, "Sanne")),
            new LocalTimes(ZoneId.of("Europe/Amsterdam")), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), markedRead::add, resyncs::incrementAndGet);

    @Test
    void showsEveryDocumentedEventIgnoresUnknownOnesAndKeepsShowingMessages() {
        view.accept(event("read", "{\"type\":\"read\",\"conversationId\":\"" + CONVERSATION + "\",\"userId\":\"" + SANNE
                + "\",\"upTo\":\"1\"}"));
        view.accept(event("delivered", "{\"type\":\"delivered\",\"conversationId\":\"" + CONVERSATION + "\",\"userId\":\""
                + SANNE + "\",\"upTo\":\"1\"}"));
        view.accept(event("typing", "{\"type\":\"typing\",\"conversationId\":\"" + CONVERSATION + "\",\"userId\":\""
                + SANNE + "\"}"));
        view.accept(event("presence", "{\"type\":\"presence\",\"userId\":\"" + SANNE
                + "\",\"state\":\"offline\",\"lastSeen\":null}"));
        view.accept(event("membership", "{\"type\":\"membership\",\"conversationId\":\"" + UUID.randomUUID()
                + "\",\"change\":\"added\"}"));
        view.accept(event("resync", "{\"type\":\"resync\",\"live\":true,\"reason\":\"live-resumed\",\"jitterMs\":0}"));
        view.accept(event("poll-vote", "{\"type\":\"poll-vote\",\"poll\":{\"id\":7}}"));
        view.accept(event("message", "not json at all"));
        view.accept(event("message", "{\"type\":\"message\",\"message\":{\"conversationId\":\"" + CONVERSATION + "\"}}"));
        view.accept(event(null, "{}"));

        view.accept(event("message", message("70931163731591168", SANNE, "Hoi juf!", "2026-11-22T19:55:01.123Z")));

        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("(Sanne has read your messages)", "(Sanne is typing…)", "(Sanne is offline)")
                .contains("[").contains("Sanne: Hoi juf!");
        assertThat(shown).doesNotContain("poll");
        assertThat(markedRead).containsExactly("70931163731591168");
        assertThat(resyncs).hasValue(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void showsEachMessageOnceInLocalTimeAndOnlyThoseOfTheOpenConversation() {
        String body = message("70931163731591168", SANNE, "Hoi juf!", "2026-11-22T19:55:01.123Z");
        view.accept(event("message", body));
        view.accept(event("message", body));
        view.accept(event("message", "{\"type\":\"message\",\"message\":{\"id\":\"5\",\"conversationId\":\""
                + UUID.randomUUID() + "\",\"senderId\":\"" + SANNE + "\",\"text\":\"elsewhere\",\"sentAt\":\"x\"}}"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "[zo 22 nov 20:55] Sanne: Hoi juf!" + System.lineSeparator());
    }

    private static String message(String id, UUID sender, String text, String sentAt) {
        return "{\"type\":\"message\",\"message\":{\"id\":\"" + id + "\",\"conversationId\":\"" + CONVERSATION
                + "\",\"senderId\":\"" + sender + "\",\"clientMessageId\":\"c-1\",\"text\":\"" + text
                + "\",\"sentAt\":\"" + sentAt + "\"}}";
    }

    private static StompFrame event(String type, String body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("subscription", "sub-1");
        headers.put("destination", "/user/events");
        if (type != null) {
            headers.put("event-type", type);
        }
        return new StompFrame("MESSAGE", headers, body);
    }
}
