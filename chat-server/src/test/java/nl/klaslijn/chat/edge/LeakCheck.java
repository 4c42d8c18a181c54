package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector (paranoid level in our test JVMs) reports a leaked buffer
 * while it ran. The detector reports through logging when it finds a collected but unreleased buffer on a
 * later allocation, so after the class this forces a few collections and allocations to flush reports out.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final Appender APPENDER = new Appender();

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        if (!APPENDER.isStarted()) {
            APPENDER.setContext(logger.getLoggerContext());
            APPENDER.start();
            logger.addAppender(APPENDER);
        }
        LEAKS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            for (ByteBufAllocator alloc : new ByteBufAllocator[] {
                    ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT, Unpooled.buffer(0).alloc()}) {
                ByteBuf probe = alloc.buffer(1);
                probe.release();
                ByteBuf direct = alloc.directBuffer(1);
                direct.release();
            }
        }
        assertThat(LEAKS).as("Netty leak reports").isEmpty();
    }

    private static final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK")) {
                LEAKS.add(event.getFormattedMessage());
            }
        }
    }
}
