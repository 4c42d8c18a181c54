package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local start's mail: its own application with the SMTP sink switched on as the dev profile does
 * ({@code klaslijn.mail.sink.enabled=true}), on a port of its own, writing into a fresh folder. A password reset ends
 * up there as an {@code .eml} file a mail reader opens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "klaslijn.auth.lookup-key=" + PortalIT.LOOKUP_KEY,
        "klaslijn.crypto.medical-key=" + PortalIT.MEDICAL_KEY,
        "klaslijn.chat.sync.enabled=false",
        "klaslijn.mail.sink.enabled=true",
        "logging.level.nl.klaslijn=WARN"
})
class LocalMailSinkIT {

    private static final Path FOLDER = temporaryFolder();
    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PortalIT.cassandra(registry);
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("klaslijn.mail.sink.folder", FOLDER::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenSigner signer;

    @Test
    void aPasswordResetIsWrittenAsAReadableEmlFile() throws Exception {
        Api api = new Api(port);
        String operator = signer.issue(UUID.randomUUID(), new UUID(0, 0), EnumSet.of(Role.SERVICE),
                TokenAudience.PORTAL, Duration.ofMinutes(5));
        SchoolFixture school = new SchoolFixture(api, operator, "Mail sink");

        Api.Response accepted = api.post("/api/auth/password-reset", null, Map.of("email", school.admin.email()));

        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> emlFiles().size() == 1);
        Path file = emlFiles().get(0);
        assertThat(file.getFileName().toString()).matches("\\d{8}-\\d{6}-1\\.eml");
        MimeMessage mail;
        try (InputStream in = Files.newInputStream(file)) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress(school.admin.email()));
        assertThat(mail.getSubject()).isNotBlank();
        assertThat(mail.getContent().toString()).contains("http://127.0.0.1:8080/password-reset#token=");
    }

    private static List<Path> emlFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList();
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("klaslijn-mail-").resolve("mail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
