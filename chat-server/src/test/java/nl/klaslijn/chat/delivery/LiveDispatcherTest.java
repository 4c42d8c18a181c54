package nl.klaslijn.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.chat.core.DeliveryBatching;
import org.junit.jupiter.api.Test;

class LiveDispatcherTest {

    private final List<String> log = new ArrayList<>();
    /** Records where each batch starts and ends, so a test sees which handling ran inside one. */
    private final DeliveryBatching batching = deliveries -> {
        log.add("batch{");
        deliveries.run();
        log.add("}");
    };
    private final LiveDispatcher dispatcher = new LiveDispatcher(batching);

    private LiveEventHandler recording(LiveEvent.Kind kind) {
        return new LiveEventHandler() {
            @Override
            public LiveEvent.Kind kind() {
                return kind;
            }

            @Override
            public void handle(LiveEvent event) {
                log.add(kind + ":" + event.value());
            }
        };
    }

    private static LiveEvent event(LiveEvent.Kind kind, long value) {
        return new LiveEvent(kind, UUID.randomUUID(), UUID.randomUUID(), LiveEvent.NONE, value, new byte[0]);
    }

    @Test
    void eachEventGoesToTheHandlerOfItsKindOnlyInsideOneBatch() {
        dispatcher.register(recording(LiveEvent.Kind.READ));
        dispatcher.register(recording(LiveEvent.Kind.TYPING));

        dispatcher.dispatch(event(LiveEvent.Kind.TYPING, 7));
        dispatcher.dispatch(event(LiveEvent.Kind.READ, 8));

        assertThat(log).containsExactly("batch{", "TYPING:7", "}", "batch{", "READ:8", "}");
    }

    @Test
    void aSecondHandlerForTheSameKindIsRefusedAndTheFirstKeepsItsEvents() {
        dispatcher.register(recording(LiveEvent.Kind.MESSAGE));
        LiveEventHandler second = new LiveEventHandler() {
            @Override
            public LiveEvent.Kind kind() {
                return LiveEvent.Kind.MESSAGE;
            }

            @Override
            public void handle(LiveEvent event) {
                log.add("second");
            }
        };

        assertThatThrownBy(() -> dispatcher.register(second))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MESSAGE");
        dispatcher.dispatch(event(LiveEvent.Kind.MESSAGE, 3));
        assertThat(log).containsExactly("batch{", "MESSAGE:3", "}");
    }

    @Test
    void anEventOfAKindWithoutAHandlerIsDroppedAndLaterEventsStillArrive() {
        dispatcher.register(recording(LiveEvent.Kind.READ));

        dispatcher.dispatch(event(LiveEvent.Kind.PRESENCE, 1));
        dispatcher.dispatch(event(LiveEvent.Kind.READ, 2));

        assertThat(log).containsExactly("batch{", "READ:2", "}");
    }

    @Test
    void aHandlerThatThrowsDropsOnlyItsEvent() {
        dispatcher.register(new LiveEventHandler() {
            @Override
            public LiveEvent.Kind kind() {
                return LiveEvent.Kind.DELIVERED;
            }

            @Override
            public void handle(LiveEvent event) {
                throw new IllegalStateException("broken handler");
            }
        });
        dispatcher.register(recording(LiveEvent.Kind.READ));

        dispatcher.dispatch(event(LiveEvent.Kind.DELIVERED, 1));
        dispatcher.dispatch(event(LiveEvent.Kind.READ, 2));

        assertThat(log).containsExactly("batch{", "}", "batch{", "READ:2", "}");
    }
}
