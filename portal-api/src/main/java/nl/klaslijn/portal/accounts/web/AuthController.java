package nl.klaslijn.portal.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.accounts.PasswordResets;
import nl.klaslijn.portal.accounts.TokenPair;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Public session endpoints: login, refresh (rotation), logout of this device, password reset by e-mail link. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final Accounts accounts;
    private final PasswordResets resets;

    AuthController(Accounts accounts, PasswordResets resets) {
        this.accounts = accounts;
        this.resets = resets;
    }

    /** {@code schoolId} is needed only when the account belongs to several schools. */
    record Login(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 128) String password,
            @Nullable UUID schoolId) {}

    record Refresh(@NotBlank @Size(max = 64) String refreshToken) {}

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {}

    record ResetCompletion(@NotBlank @Size(max = 64) String token,
            @NotBlank @Size(min = 10, max = 128) String newPassword) {}

    @PostMapping("/login")
    TokenPair login(@Valid @RequestBody Login body, HttpServletRequest request) {
        return accounts.login(body.email(), body.password(), body.schoolId(), request.getRemoteAddr());
    }

    @PostMapping("/refresh")
    TokenPair refresh(@Valid @RequestBody Refresh body) {
        return accounts.refresh(body.refreshToken());
    }

    /**
     * Mails a reset link if the address has an account. Always 202 with no body, known address or not; the mail is
     * sent in the background.
     */
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestPasswordReset(@Valid @RequestBody ResetRequest body, HttpServletRequest request) {
        resets.request(body.email(), request.getRemoteAddr());
    }

    /** Sets the new password with the mailed token (once) and ends every session of the account. */
    @PostMapping("/password-reset/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void completePasswordReset(@Valid @RequestBody ResetCompletion body, HttpServletRequest request) {
        resets.complete(body.token(), body.newPassword(), request.getRemoteAddr());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody Refresh body) {
        accounts.logout(body.refreshToken());
    }
}
