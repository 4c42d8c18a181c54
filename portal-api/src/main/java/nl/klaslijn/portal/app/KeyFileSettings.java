package nl.klaslijn.portal.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.klaslijn.common.auth.KeySettings;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets every key setting be given as a file: {@code klaslijn.auth.lookup-key-file=/run/secrets/lookup-key} makes the
 * file's content the value of {@code klaslijn.auth.lookup-key}, for every component that reads it. Setting both a key
 * and its file stops the start. Registered in {@code META-INF/spring.factories}; runs after the configuration files
 * are loaded.
 */
public final class KeyFileSettings implements EnvironmentPostProcessor, Ordered {

    static final List<String> KEYS = List.of(PortalKeys.SIGNING_KEY, PortalKeys.VERIFICATION_KEYS,
            PortalKeys.LOOKUP_KEY, PortalKeys.MEDICAL_KEY);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> resolved = new HashMap<>();
        for (String name : KEYS) {
            if (environment.getProperty(name + "-file") != null) {
                resolved.put(name, KeySettings.read(name, environment::getProperty));
                resolved.put(name + "-file", "");
            }
        }
        if (!resolved.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("klaslijn-key-files", resolved));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
