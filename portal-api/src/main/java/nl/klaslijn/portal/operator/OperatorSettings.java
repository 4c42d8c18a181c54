package nl.klaslijn.portal.operator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nl.klaslijn.common.auth.KeySettings;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenSigner;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * What an operator command needs of portal-api's configuration, read exactly as the server reads it (Spring Boot's
 * config data: {@code application.yml}, {@code application-<profile>.yml}, environment variables, {@code --key=value}
 * arguments), without starting the server: the token signing key ({@code klaslijn.auth.token-signing-key} or
 * {@code ...-file}) and the address the server listens on ({@code server.address}, {@code server.port}). The same
 * key rules as the server's apply: the dev profile only from the local-start jar, the development key only in it.
 *
 * @param portalUrl the running portal-api, e.g. {@code http://127.0.0.1:8081}
 */
record OperatorSettings(TokenSigner signer, String portalUrl) {

    static final String SIGNING_KEY = "klaslijn.auth.token-signing-key";

    /** A service token's lifetime: long enough for one command, too short to be worth stealing. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);

    /**
     * @param springArguments {@code --name=value} settings as the server takes them
     * @throws IllegalStateException naming the setting that is missing or refused
     */
    static OperatorSettings load(List<String> springArguments) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(java.util.Map.of("logging.level.root", "WARN"));
        try (ConfigurableApplicationContext context = application.run(springArguments.toArray(String[]::new))) {
            return from(context.getEnvironment());
        }
    }

    static OperatorSettings from(Environment environment) {
        boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
        KeySettings.refuseDevelopmentOutsideLocalBuild(dev,
                KeySettings.isLocalBuild(OperatorSettings.class.getClassLoader()));
        SigningKey key;
        try {
            key = SigningKey.parse(KeySettings.require(SIGNING_KEY, environment::getProperty,
                    KeySettings.GENERATE_SIGNING_KEY));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SIGNING_KEY + " is not usable: " + e.getMessage());
        }
        KeySettings.refuseDevelopmentTokenKey(SIGNING_KEY, Set.of(key.keyId()), dev);
        String address = environment.getProperty("server.address", "127.0.0.1");
        if (address.equals("0.0.0.0") || address.equals("::")) {
            address = "127.0.0.1";
        }
        int port = environment.getProperty("server.port", Integer.class, 8081);
        return new OperatorSettings(new TokenSigner(key, Clock.systemUTC(), TOKEN_LIFETIME),
                "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port);
    }

    /** The empty application the configuration is read for: no beans, no auto-configuration, no server. */
    static final class Nothing {}
}
