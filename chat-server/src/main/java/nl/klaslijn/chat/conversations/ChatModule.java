package nl.klaslijn.chat.conversations;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Whether a school has the chat module switched on (portal-api's module switches; on by default). */
@FunctionalInterface
public interface ChatModule {

    CompletionStage<Boolean> isOn(UUID school);

    ChatModule ALWAYS_ON = school -> java.util.concurrent.CompletableFuture.completedFuture(true);
}
