package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a mailbox wakes its event loop. (Draining into real connections: EdgeEndToEndIT.) */
class LoopMailboxTest {

    /** An event loop that records the tasks it is given and runs none of them. */
    private static final class RecordingLoop extends DefaultEventLoop {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }
    }

    private final RecordingLoop loop = new RecordingLoop();
    private final LoopMailbox mailbox = new LoopMailbox(loop);
    private final LoopMailbox otherLoopsMailbox = new LoopMailbox(loop);

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Test
    void wakesTheLoopOnceUntilItDrains() {
        mailbox.post(null, "frame 1");
        mailbox.post(null, "frame 2");
        assertThat(loop.tasks).containsExactly(mailbox);
    }

    @Test
    void insideABatchWakesEachMailboxOnceWhenTheOutermostBatchReturns() {
        LoopMailbox.batched(() -> {
            for (int i = 0; i < 30; i++) {
                mailbox.post(null, "frame " + i);
                otherLoopsMailbox.post(null, "frame " + i);
            }
            LoopMailbox.batched(() -> mailbox.post(null, "nested"));
            assertThat(loop.tasks).as("nothing woken while the fan-out runs").isEmpty();
        });
        assertThat(loop.tasks).containsExactly(mailbox, otherLoopsMailbox);
    }

    @Test
    void wakesWhatWasPostedEvenWhenTheBatchFails() {
        try {
            LoopMailbox.batched(() -> {
                mailbox.post(null, "frame");
                throw new IllegalStateException("fan-out failed half-way");
            });
        } catch (IllegalStateException expected) {
            // the frames posted before the failure still go out
        }
        assertThat(loop.tasks).containsExactly(mailbox);
        mailbox.post(null, "after the batch");
        assertThat(loop.tasks).as("still one pending drain").hasSize(1);
    }
}
