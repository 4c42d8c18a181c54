package nl.klaslijn.portal.welcome.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.welcome.Welcome;
import nl.klaslijn.portal.welcome.WelcomeView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first-login welcome of the caller at the school of their access token, and the school's welcome text
 * (administrators set it).
 */
@RestController
class WelcomeController {

    private final Welcome welcome;
    private final SchoolAccess schoolAccess;

    WelcomeController(Welcome welcome, SchoolAccess schoolAccess) {
        this.welcome = welcome;
        this.schoolAccess = schoolAccess;
    }

    /** Plain text (no markup is interpreted; clients show it as text). An empty text removes it. */
    record WelcomeText(@NotNull @Size(max = 10_000) String text) {}

    @PutMapping("/api/schools/{schoolId}/welcome-text")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setText(Caller caller, @PathVariable UUID schoolId, @Valid @RequestBody WelcomeText body) {
        schoolAccess.manage(caller, schoolId);
        welcome.setText(schoolId, body.text());
    }

    @GetMapping("/api/me/welcome")
    WelcomeView welcome(Caller caller) {
        return welcome.of(member(caller));
    }

    @PostMapping("/api/me/welcome/acknowledge")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void acknowledge(Caller caller) {
        welcome.acknowledge(member(caller));
    }

    /** The caller's membership at their token's school; a token of nobody there (a service token) gets 404. */
    private static Membership member(Caller caller) {
        Membership membership = caller.membership();
        if (membership == null) {
            throw ApiException.notFound("membership");
        }
        return membership;
    }
}
