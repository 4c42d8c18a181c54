package nl.klaslijn.portal.onboarding.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.accounts.TokenPair;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.onboarding.Redeemed;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Redeeming registration tokens: a new account, or a further child (or staff record) on an existing one. */
@RestController
class OnboardingController {

    private final Onboarding onboarding;

    OnboardingController(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    record Register(@NotBlank @Size(max = 64) String token, @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 10, max = 128) String password) {}

    record Link(@NotBlank @Size(max = 64) String token) {}

    /** Public: creates the account and logs it in at the token's school. */
    @PostMapping("/api/registrations")
    @ResponseStatus(HttpStatus.CREATED)
    TokenPair register(@Valid @RequestBody Register body, HttpServletRequest request) {
        return onboarding.register(body.token(), body.email(), body.password(), request.getRemoteAddr());
    }

    /** Links the token's child to the caller's account (the token may be of another school). */
    @PostMapping("/api/me/children")
    Redeemed link(Caller caller, @Valid @RequestBody Link body, HttpServletRequest request) {
        if (caller.isService()) {
            throw ApiException.forbidden("Service tokens have no account to link to.");
        }
        return onboarding.link(body.token(), caller.accountId(), request.getRemoteAddr());
    }
}
