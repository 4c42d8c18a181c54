package nl.klaslijn.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveEventTest {

    @Test
    void decodesWhatItEncodedWithTheBodyUnchanged() {
        LiveEvent event = new LiveEvent(LiveEvent.Kind.READ, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                70931163731591168L, "{\"type\":\"read\"}".getBytes(StandardCharsets.UTF_8));

        LiveEvent back = LiveEvent.decode(event.encode());

        assertThat(back.kind()).isEqualTo(LiveEvent.Kind.READ);
        assertThat(back.school()).isEqualTo(event.school());
        assertThat(back.conversation()).isEqualTo(event.conversation());
        assertThat(back.user()).isEqualTo(event.user());
        assertThat(back.value()).isEqualTo(event.value());
        assertThat(back.body()).isEqualTo(event.body());
    }

    /** The kind travels as its ordinal: nodes of two versions share Redis during a rolling upgrade. */
    @Test
    void kindsKeepTheirWireNumbersSoNewOnesAreOnlyAppended() {
        assertThat(LiveEvent.Kind.values()).extracting(Enum::name).containsExactly("MESSAGE", "READ", "DELIVERED",
                "TYPING", "PRESENCE", "MEMBERSHIP", "OWN_DEVICES", "SETTINGS", "REVOCATION", "NODE_LOST", "PEER_RESUMED",
                "PORTAL");
    }

    @Test
    void refusesPayloadsThatAreNotLiveEvents() {
        assertThatThrownBy(() -> LiveEvent.decode(new byte[10])).isInstanceOf(IllegalArgumentException.class);
        byte[] unknownKind = new LiveEvent(LiveEvent.Kind.MESSAGE, LiveEvent.NONE, LiveEvent.NONE, LiveEvent.NONE, 0,
                new byte[0]).encode();
        unknownKind[0] = 99;
        assertThatThrownBy(() -> LiveEvent.decode(unknownKind)).hasMessageContaining("unknown live event kind");
    }
}
