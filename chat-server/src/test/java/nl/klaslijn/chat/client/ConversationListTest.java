package nl.klaslijn.chat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.klaslijn.chat.conversations.Conversations;
import org.junit.jupiter.api.Test;

/** Stable conversation handles of the command-line chat. */
class ConversationListTest {

    private static final UUID SCHOOL = UUID.randomUUID();
    private static final UUID SELF = UUID.randomUUID();
    private static final UUID ANNA = UUID.randomUUID();
    private static final PeopleBook PEOPLE = new PeopleBook(Map.of(ANNA, "Juf Anna"));

    private final String channel = UUID.randomUUID().toString();
    private final String parents = UUID.randomUUID().toString();
    private final String direct = Conversations.directId(SCHOOL, SELF, ANNA).toString();

    @Test
    void aHandleDependsOnTheConversationNotOnItsPlaceInTheList() {
        ConversationList before = list(conversation(channel, "announcement", "Groep 5 — mededelingen"),
                conversation(parents, "group", "Groep 5 — ouders"), conversation(direct, "direct", ""));
        ConversationList after = list(conversation(direct, "direct", ""),
                conversation(parents, "group", "Groep 5 — ouders"), conversation(channel, "announcement", "Groep 5 — mededelingen"));

        assertThat(handles(before)).isEqualTo(handles(after)).isEqualTo(Map.of("groep-5-mededelingen", channel,
                "groep-5-ouders", parents, "juf-anna", direct));
        assertThat(after.find("groep-5-ouders").id()).isEqualTo(parents);
        assertThat(after.find(parents.substring(0, 6)).id()).isEqualTo(parents);
        assertThat(after.find(direct).handle()).isEqualTo("juf-anna");
    }

    @Test
    void twoConversationsOfOneTitleBothGetTheirIdsStartAndAnUnknownNameIsExplained() {
        String other = UUID.randomUUID().toString();
        ConversationList list = list(conversation(parents, "group", "Ouders"), conversation(other, "group", "Ouders"));

        assertThat(handles(list)).containsOnlyKeys("ouders-" + parents.substring(0, 4), "ouders-" + other.substring(0, 4));
        assertThatThrownBy(() -> list.find("groep-9")).hasMessageContaining("no conversation 'groep-9'")
                .hasMessageContaining("ouders-" + parents.substring(0, 4));
    }

    private static Map<String, String> handles(ConversationList list) {
        return list.entries().stream().collect(Collectors.toMap(ConversationList.Entry::handle, ConversationList.Entry::id));
    }

    private static ConversationList list(String... conversations) {
        return ConversationList.of(ClientJson.tree("[" + String.join(",", List.of(conversations)) + "]"), SCHOOL, SELF,
                PEOPLE);
    }

    private static String conversation(String id, String kind, String title) {
        return "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"title\":\"" + title
                + "\",\"lastMessage\":null,\"readUpTo\":null,\"unread\":0}";
    }
}
