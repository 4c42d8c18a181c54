package nl.klaslijn.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts portal-api. By default it connects to the Cassandra node the chat server's local start runs on 9142. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApiApplication.class, args);
    }
}
