package nl.klaslijn.portal.modules.web;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.modules.Module;
import nl.klaslijn.portal.modules.Modules;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module switches of a school: {@code {"news": true, "calendar": false, ...}}. Members read them; administrators
 * change them. A PUT may name some modules only (the others keep their switch); an unknown name is 400
 * {@code unknown-module}, a value other than true/false 400 {@code invalid-switch}; either changes nothing.
 */
@RestController
class ModuleController {

    private final Modules modules;
    private final SchoolAccess schoolAccess;

    ModuleController(Modules modules, SchoolAccess schoolAccess) {
        this.modules = modules;
        this.schoolAccess = schoolAccess;
    }

    @GetMapping("/api/schools/{schoolId}/modules")
    Map<String, Boolean> modules(Caller caller, @PathVariable UUID schoolId) {
        schoolAccess.view(caller, schoolId);
        return modules.of(schoolId).byKey();
    }

    @PutMapping("/api/schools/{schoolId}/modules")
    Map<String, Boolean> setModules(Caller caller, @PathVariable UUID schoolId,
            @RequestBody Map<String, Object> body) {
        schoolAccess.manage(caller, schoolId);
        Map<Module, Boolean> changes = new EnumMap<>(Module.class);
        body.forEach((key, value) -> {
            Module module = Module.ofKey(key).orElseThrow(() -> ApiException.badRequest("unknown-module",
                    "Unknown module; the modules are " + Arrays.stream(Module.values()).map(Module::key).toList() + "."));
            if (!(value instanceof Boolean on)) {
                throw ApiException.badRequest("invalid-switch", "Each module is switched with true or false.");
            }
            changes.put(module, on);
        });
        return modules.set(schoolId, changes).byKey();
    }
}
