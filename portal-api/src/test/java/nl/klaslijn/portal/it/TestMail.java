package nl.klaslijn.portal.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a free loopback port, one per test JVM, started on first use and stopped when the
 * JVM ends. The applications under test send their mail to it ({@code spring.mail.host/port}, see {@link PortalIT}).
 * Tests tell their mails apart by recipient (every test uses addresses of its own).
 */
final class TestMail {

    private static GreenMail server;

    private TestMail() {}

    static synchronized GreenMail shared() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "greenmail-stop"));
            server = started;
        }
        return server;
    }

    /** The mails received so far for {@code address}. */
    static List<MimeMessage> to(String address) {
        return Arrays.stream(shared().getReceivedMessages()).filter(m -> isFor(m, address)).toList();
    }

    /** The decoded text of a plain-text mail. */
    static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
