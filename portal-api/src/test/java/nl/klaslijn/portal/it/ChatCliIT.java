package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.portal.demo.DemoSchool;
import org.junit.jupiter.api.Test;

/**
 * The command-line chat ({@code ./klaslijn chat}) through its entry point, against portal-api and a chat node with the
 * demo school: log in with e-mail and password, stable conversation handles, names, a 1:1, and the live view.
 */
class ChatCliIT extends DemoSchoolIT {

    private static final String PASSWORD = DemoSchool.PASSWORD;

    @Test
    void logsInWithEmailAndPasswordAndShowsPeopleByName() {
        String text = "Welkom terug " + UUID.randomUUID();
        Cli.Done sent = cli.run("-e", "anna@regenboog.example", "-p", PASSWORD, "send", "groep-5-mededelingen", text);
        assertThat(sent.status()).as(sent.err()).isZero();

        Cli.Done list = cli.run("--email", "sanne@regenboog.example", "--password", PASSWORD, "list");

        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains("groep-5-mededelingen", "groep-5-ouders")
                .contains("Juf Anna: " + text);
        String anna = login("anna@regenboog.example").text("accountId");
        assertThat(list.out()).doesNotContain(anna).doesNotContain(anna.substring(0, 8));
    }

    @Test
    void aWrongPasswordIsSaidPlainlyAndEndsWithStatusOne() {
        Cli.Done refused = cli.run("-e", "joost@regenboog.example", "-p", "not-the-password", "list");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("invalid-credentials").contains("E-mail address or password is wrong");
        assertThat(refused.out()).isEmpty();
        // The right password still works (and clears the failure, so reruns are not delayed).
        assertThat(cli.run("-e", "joost@regenboog.example", "-p", PASSWORD, "list").status()).isZero();
    }

    @Test
    void handlesDoNotMoveWhenANewMessageResortsTheList() {
        send("anna@regenboog.example", "groep-5-mededelingen", "eerste " + UUID.randomUUID());
        send("joost@regenboog.example", "groep-5-ouders", "tweede " + UUID.randomUUID());
        Map<String, String> before = handles(cli.run("-e", "sanne@regenboog.example", "-p", PASSWORD, "list"));
        assertThat(before.keySet()).first().isEqualTo("groep-5-ouders");

        send("anna@regenboog.example", "groep-5-mededelingen", "derde " + UUID.randomUUID());
        Map<String, String> after = handles(cli.run("-e", "sanne@regenboog.example", "-p", PASSWORD, "list"));

        assertThat(after.keySet()).as("the list re-sorted").first().isEqualTo("groep-5-mededelingen");
        assertThat(after).as("every handle names the same conversation").containsExactlyInAnyOrderEntriesOf(before);
    }

    @Test
    void startsA1to1ByNameAndTheOtherSeesItUnderTheSendersName() {
        String text = "Dag juf Anna " + UUID.randomUUID();
        Cli.Done direct = cli.run("-e", "fatima@regenboog.example", "-p", PASSWORD, "direct", "anna", text);

        assertThat(direct.status()).as(direct.err()).isZero();
        assertThat(direct.out()).contains("1:1 with Juf Anna: juf-anna");
        Cli.Done annas = cli.run("-e", "anna@regenboog.example", "-p", PASSWORD, "list");
        assertThat(annas.out()).contains("fatima-moeder-van-amir").contains("Fatima (moeder van Amir): " + text);
    }

    @Test
    void theLiveViewSurvivesTypingReadAndPresenceEventsAndStillSendsATypedLine() {
        assertThat(cli.run("-e", "sanne@regenboog.example", "-p", PASSWORD, "direct", "anna").status()).isZero();
        Api.Response sanneLogin = login("sanne@regenboog.example");
        try (StompClient sanne = ChatNode.connect(sanneLogin.text("chatToken"));
                Cli.Open annaView = cli.open(Map.of(), List.of("-e", "anna@regenboog.example", "-p", PASSWORD,
                        "chat", "sanne-moeder-van-lotte"))) {
            ChatNode.await(sanne.subscribe("/user/replies"));
            ChatNode.await(sanne.request("/app/settings", "{\"sharePresence\":true,\"sendReadReceipts\":true}"));
            annaView.awaitShown("type to send");
            String direct = Conversations.directId(demoSchool, UUID.fromString(sanneLogin.text("accountId")),
                    UUID.fromString(login("anna@regenboog.example").text("accountId"))).toString();

            ChatNode.await(sanne.send("/app/conversations/" + direct + "/typing", ""));
            annaView.awaitShown("(Sanne (moeder van Lotte) is typing…)");
            String question = "Gaat de excursie door? " + UUID.randomUUID();
            StompFrame receipt = ChatNode.await(sanne.sendMessage(UUID.fromString(direct), "t-" + UUID.randomUUID(),
                    question));
            annaView.awaitShown("Sanne (moeder van Lotte): " + question);
            ChatNode.await(sanne.send("/app/conversations/" + direct + "/read",
                    "{\"upTo\":\"" + receipt.header("message-id") + "\"}"));
            annaView.awaitShown("(Sanne (moeder van Lotte) has read your messages)");
            ChatNode.await(sanne.send("/app/presence", "{\"state\":\"away\"}"));
            annaView.awaitShown("(Sanne (moeder van Lotte) is away)");

            String answer = "Ja, vrijdag! " + UUID.randomUUID();
            annaView.type(answer);

            await().atMost(CONVERGES_WITHIN).until(() -> sanne.messages().stream()
                    .anyMatch(m -> m.body().contains(answer)));
            annaView.awaitShown("you: " + answer);
            assertThat(annaView.running()).isTrue();
            assertThat(annaView.end()).as(annaView.err()).isZero();
            assertThat(annaView.err()).isEmpty();
        }
    }

    private void send(String email, String handle, String text) {
        Cli.Done sent = cli.run("-e", email, "-p", PASSWORD, "send", handle, text);
        assertThat(sent.status()).as(sent.err()).isZero();
    }

    /** Handle to id prefix, in the order the list shows them. */
    private static Map<String, String> handles(Cli.Done list) {
        assertThat(list.status()).as(list.err()).isZero();
        Map<String, String> handles = new LinkedHashMap<>();
        list.out().lines().skip(1).map(line -> line.split("\\s+")).forEach(cols -> handles.put(cols[0], cols[1]));
        return handles;
    }

}
