package nl.klaslijn.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PortalEventJsonTest {

    private static PortalEvent event(Map<String, String> body) {
        return new PortalEvent(UUID.randomUUID(), "group.renamed", 1, UUID.randomUUID(),
                Audience.groups(List.of(UUID.randomUUID())), "school",
                new EntityRef("group", UUID.randomUUID().toString(), 17), Instant.parse("2026-12-04T08:00:00Z"), body);
    }

    @Test
    void anEventSurvivesItsJsonForm() {
        PortalEvent event = event(Map.of("title", "Groep 5b"));
        assertThat(PortalEventJson.decode(PortalEventJson.encode(event))).isEqualTo(event);
    }

    @Test
    void anEventLargerThanOneKilobyteIsRefused() {
        assertThatThrownBy(() -> PortalEventJson.encode(event(Map.of("title", "x".repeat(900)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 1024");
    }

    @Test
    void unknownFieldsAndMissingFieldsAreRefusedByName() {
        String json = PortalEventJson.encodeToString(event(Map.of()));
        assertThatThrownBy(() -> PortalEventJson.decode(json.replaceFirst("\\{", "{\"extra\":1,")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> PortalEventJson.decode(json.replaceFirst("\"module\":\"school\",", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("module is required");
    }

    @Test
    void audiencesTakeIdsOnlyWhereTheyNameSomeone() {
        assertThatThrownBy(() -> new Audience(Audience.Kind.SCHOOL, List.of(UUID.randomUUID())))
                .hasMessageContaining("takes no ids");
        assertThatThrownBy(() -> Audience.users(List.of())).hasMessageContaining("needs 1 to 50 ids");
        UUID same = UUID.randomUUID();
        assertThatThrownBy(() -> Audience.users(List.of(same, same))).hasMessageContaining("distinct");
    }

    @Test
    void bodyTextMustBeWellFormed() {
        assertThatThrownBy(() -> event(Map.of("title", "half \ud800 pair"))).hasMessageContaining("well-formed");
        assertThatThrownBy(() -> event(Map.of("title", "bell \u0007"))).hasMessageContaining("well-formed");
        assertThatThrownBy(() -> event(Map.of("Title", "x"))).hasMessageContaining("body key");
    }
}
