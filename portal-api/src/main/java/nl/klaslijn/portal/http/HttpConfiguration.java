package nl.klaslijn.portal.http;

import nl.klaslijn.portal.request.AttemptLimiter;
import java.time.Clock;
import java.util.List;
import nl.klaslijn.common.auth.TokenVerifier;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.people.People;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the caller resolver, the body limit and the guessing limiter. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration implements WebMvcConfigurer {

    private final TokenVerifier tokens;
    private final People people;

    HttpConfiguration(TokenVerifier tokens, People people) {
        this.tokens = tokens;
        this.people = people;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver(tokens, people));
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(PortalProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties.limits().maxBodyBytes(),
                        properties.limits().maxImportBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    AttemptLimiter attemptLimiter(PortalProperties properties, Clock clock) {
        return new AttemptLimiter(properties.limits().attemptsPerMinute(), properties.limits().burst(), clock);
    }
}
