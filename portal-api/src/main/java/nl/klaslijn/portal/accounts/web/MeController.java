package nl.klaslijn.portal.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.accounts.TokenPair;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.modules.Modules;
import nl.klaslijn.portal.people.Child;
import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.people.People;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account: who they are at the current school, all sessions, the password. */
@RestController
@RequestMapping("/api/me")
class MeController {

    private final Accounts accounts;
    private final People people;
    private final Modules modules;

    MeController(Accounts accounts, People people, Modules modules) {
        this.accounts = accounts;
        this.people = people;
        this.modules = modules;
    }

    /** {@code modules}: per school of the account, its module switches (so clients hide what is off). */
    record Me(UUID accountId, String email, UUID schoolId, Set<Role> roles, @Nullable UUID staffId,
            @Nullable UUID guardianId, List<Child> children, List<UUID> schools,
            Map<UUID, Map<String, Boolean>> modules) {}

    record ChangePassword(@NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(min = 10, max = 128) String newPassword) {}

    @GetMapping
    Me me(Caller caller) {
        String email = accounts.email(caller.accountId()).orElseThrow(() -> ApiException.notFound("account"));
        Membership m = caller.membership();
        List<Child> children = m == null || m.guardianId() == null ? List.of() : people.childrenOf(caller.schoolId(), m.guardianId());
        List<UUID> schools = people.schoolsOf(caller.accountId());
        Map<UUID, Map<String, Boolean>> switches = new LinkedHashMap<>();
        schools.forEach(school -> switches.put(school, modules.of(school).byKey()));
        return new Me(caller.accountId(), email, caller.schoolId(), m == null ? Set.of() : m.roles(),
                m == null ? null : m.staffId(), m == null ? null : m.guardianId(), children, schools, switches);
    }

    /** Ends every session of the account; access tokens already out expire within their short lifetime. */
    @PostMapping("/logout-everywhere")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(Caller caller) {
        accounts.logoutEverywhere(caller.accountId());
    }

    /** Changes the password, ends every other session, and returns a fresh session for this device. */
    @PutMapping("/password")
    TokenPair changePassword(Caller caller, @Valid @RequestBody ChangePassword body, HttpServletRequest request) {
        return accounts.changePassword(caller.accountId(), caller.schoolId(), body.currentPassword(), body.newPassword(),
                request.getRemoteAddr());
    }
}
