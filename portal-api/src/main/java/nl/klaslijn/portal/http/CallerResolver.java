package nl.klaslijn.portal.http;

import nl.klaslijn.portal.request.ApiException;
import java.util.Locale;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenVerifier;
import nl.klaslijn.common.auth.InvalidTokenException;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.people.People;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authentication, in one place: an endpoint that declares a {@link Caller} parameter requires
 * {@code Authorization: Bearer <access token>}; a missing, malformed, badly signed or expired token, or one for another
 * audience (a chat token, an internal token), gets 401 before the endpoint runs. Endpoints without a {@code Caller} parameter are public. The caller's membership in the token's school
 * is read from Cassandra on every request (one single-row read).
 */
final class CallerResolver implements HandlerMethodArgumentResolver {

    private final TokenVerifier tokens;
    private final People people;

    CallerResolver(TokenVerifier tokens, People people) {
        this.tokens = tokens;
        this.people = people;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw ApiException.unauthenticated("Send an access token: Authorization: Bearer <token>.");
        }
        AccessToken token;
        try {
            token = tokens.verify(header.substring(7).strip(), TokenAudience.PORTAL);
        } catch (InvalidTokenException e) {
            throw ApiException.unauthenticated("The access token is not valid: " + e.getMessage() + ".");
        }
        return new Caller(token.userId(), token.schoolId(), token.roles(),
                people.membership(token.schoolId(), token.userId()).orElse(null));
    }
}
