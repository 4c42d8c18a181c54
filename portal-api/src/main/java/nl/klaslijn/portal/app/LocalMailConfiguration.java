package nl.klaslijn.portal.app;

import java.nio.file.Path;
import nl.klaslijn.devstack.mail.MailSink;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local start's SMTP sink ({@code klaslijn.mail.sink.enabled=true}, the dev profile): every mail portal-api sends
 * to {@code spring.mail.host:port} lands as an {@code .eml} file in {@code klaslijn.mail.sink.folder}. Only when
 * devstack is on the class path (the {@code -local.jar}); the class condition is checked before this class is loaded,
 * so the production jar, which has neither devstack nor GreenMail, never touches it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"nl.klaslijn.devstack.mail.MailSink", "com.icegreen.greenmail.util.GreenMail"})
class LocalMailConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "klaslijn.mail.sink.enabled", havingValue = "true")
    MailSink localMailSink(@Value("${spring.mail.host}") String host, @Value("${spring.mail.port}") int port,
            @Value("${klaslijn.mail.sink.folder:.klaslijn/mail}") Path folder) {
        MailSink sink = MailSink.start(host, port, folder);
        LoggerFactory.getLogger(LocalMailConfiguration.class)
                .info("Mail is caught on {}:{} and written to {}", host, sink.port(), sink.folder());
        return sink;
    }
}
