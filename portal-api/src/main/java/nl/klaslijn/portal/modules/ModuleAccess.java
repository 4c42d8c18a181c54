package nl.klaslijn.portal.modules;

import nl.klaslijn.portal.request.Caller;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The gate every module endpoint (news, calendar, ..., chat) calls first, before its own resource gate:
 *
 * <ul>
 *   <li>someone who is nobody at the school gets the school's 404 {@code not-found} (so a stranger learns nothing
 *       about the school's switches, not even that it exists);
 *   <li>when the school switched the module off, everyone else (administrators included) gets 404
 *       {@code module-off}.
 * </ul>
 */
@Component
public class ModuleAccess {

    private final Modules modules;

    ModuleAccess(Modules modules) {
        this.modules = modules;
    }

    public void require(Caller caller, UUID schoolId, Module module) {
        if (!caller.isIn(schoolId)) {
            throw ApiException.notFound("school");
        }
        if (!modules.isOn(schoolId, module)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "module-off",
                    "The module " + module.key() + " is switched off at this school.");
        }
    }
}
