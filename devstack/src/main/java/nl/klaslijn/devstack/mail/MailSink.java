package nl.klaslijn.devstack.mail;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on a loopback address that accepts every mail, with no authentication, and writes each delivered
 * copy (one per recipient) as a complete RFC 5322 message into {@link #folder()}: {@code
 * <yyyyMMdd-HHmmss>-<n>.eml}, {@code n} counting from 1 within this sink. A file appears whole (written under a
 * temporary name, then moved), so a reader never sees half a mail. The folder is created if missing; files already
 * in it are kept. Nothing is relayed anywhere.
 */
public final class MailSink implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final GreenMail greenMail;
    private final Path folder;
    private final Clock clock;
    private final AtomicInteger count = new AtomicInteger();

    private MailSink(GreenMail greenMail, Path folder, Clock clock) {
        this.greenMail = greenMail;
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * Starts the sink on {@code host:port} (port 0: a free port, see {@link #port()}).
     *
     * @throws IllegalStateException when the port is taken or the folder cannot be created
     */
    public static MailSink start(String host, int port, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the mail folder " + folder + ": " + e.getMessage(), e);
        }
        GreenMail greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        MailSink sink = new MailSink(greenMail, folder.toAbsolutePath(), Clock.systemUTC());
        MessageDeliveryHandler store = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            sink.write(message.getMessage());
            return store.handle(message, recipient);
        });
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the mail sink on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return sink;
    }

    /** The folder the {@code .eml} files go to (absolute). */
    public Path folder() {
        return folder;
    }

    /** The SMTP port it listens on. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    private void write(jakarta.mail.internet.MimeMessage message) throws MessagingException {
        String name = STAMP.format(clock.instant()) + "-" + count.incrementAndGet() + ".eml";
        Path partial = folder.resolve("." + name + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                message.writeTo(out);
            }
            Files.move(partial, folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " into " + folder, e);
        }
    }

    /** Stops the SMTP server; the files stay. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
