package nl.klaslijn.portal.modules;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The switch of every module of one school (always complete: a module never switched is on). */
public record ModuleSwitches(UUID schoolId, Map<Module, Boolean> enabled) {

    public ModuleSwitches {
        EnumMap<Module, Boolean> all = new EnumMap<>(Module.class);
        for (Module module : Module.values()) {
            all.put(module, enabled.getOrDefault(module, true));
        }
        enabled = Collections.unmodifiableMap(all);
    }

    public boolean isOn(Module module) {
        return enabled.get(module);
    }

    /** {@code {"news": true, ...}} in enum order, as the API shows it. */
    public Map<String, Boolean> byKey() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        enabled.forEach((module, on) -> out.put(module.key(), on));
        return out;
    }
}
