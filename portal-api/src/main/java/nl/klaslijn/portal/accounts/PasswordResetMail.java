package nl.klaslijn.portal.accounts;

import java.time.Duration;
import nl.klaslijn.portal.config.PortalProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The password-reset e-mail, sent over SMTP ({@code spring.mail.*}) from {@code klaslijn.mail.from}. The link is
 * {@code <klaslijn.portal.public-url>/password-reset#token=<token>}: the token travels in the fragment, which browsers
 * never send to a server, so it stays out of web server logs and Referer headers.
 */
@Component
class PasswordResetMail {

    private final JavaMailSender sender;
    private final String from;
    private final String publicUrl;

    PasswordResetMail(JavaMailSender sender, PortalProperties properties) {
        this.sender = sender;
        this.from = properties.mail().from();
        this.publicUrl = properties.portal().publicUrl().replaceAll("/+$", "");
    }

    String link(String token) {
        return publicUrl + "/password-reset#token=" + token;
    }

    /** Sends the mail; throws on failure (the message may contain the address: never log it). */
    void send(String to, String token, Duration lifetime) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Klaslijn: nieuw wachtwoord / reset your password");
        message.setText("""
                Iemand heeft gevraagd om het wachtwoord van je Klaslijn-account opnieuw in te stellen.
                Someone asked to reset the password of your Klaslijn account.

                Open deze link binnen %d minuten / Open this link within %d minutes:
                %s

                De link werkt één keer. Heb je dit niet gevraagd? Negeer dan deze e-mail; je wachtwoord blijft zoals het is.
                The link works once. If you did not ask for this, ignore this e-mail; your password stays as it is.
                """.formatted(lifetime.toMinutes(), lifetime.toMinutes(), link(token)));
        sender.send(message);
    }
}
