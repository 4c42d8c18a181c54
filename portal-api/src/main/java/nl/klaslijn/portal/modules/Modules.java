package nl.klaslijn.portal.modules;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The module switches of each school. Default: every module on. Callers pass the access gates first (see
 * {@code access.ModuleAccess} for the gate module endpoints call).
 */
@Service
public class Modules {

    private final ModuleStore store;
    private final ApplicationEventPublisher events;

    Modules(ModuleStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    public ModuleSwitches of(UUID schoolId) {
        return new ModuleSwitches(schoolId, store.switches(schoolId));
    }

    public boolean isOn(UUID schoolId, Module module) {
        return store.switches(schoolId).getOrDefault(module, true);
    }

    /**
     * Sets the given switches (others stay as they are) and returns the complete new state. If any switch changed,
     * publishes {@link ModulesChanged} after the write; setting a switch to what it already is publishes nothing.
     */
    public ModuleSwitches set(UUID schoolId, Map<Module, Boolean> changes) {
        ModuleSwitches before = of(schoolId);
        if (!changes.isEmpty()) {
            store.set(schoolId, changes);
        }
        Map<Module, Boolean> merged = new EnumMap<>(before.enabled());
        merged.putAll(changes);
        ModuleSwitches after = new ModuleSwitches(schoolId, merged);
        if (!after.equals(before)) {
            events.publishEvent(new ModulesChanged(schoolId, after));
        }
        return after;
    }
}
