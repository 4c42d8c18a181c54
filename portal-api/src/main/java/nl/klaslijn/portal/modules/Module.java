package nl.klaslijn.portal.modules;

import java.util.Locale;
import java.util.Optional;

/** A portal module a school can switch off. Its {@link #key()} (lower case) is the name in the API and in storage. */
public enum Module {
    NEWS, CALENDAR, BOOKCASE, ALBUMS, ABSENCES, MEETINGS, FORMS, LUNCH, TASKS, CHAT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The module named {@code key} (exact lower-case name), if there is one. */
    public static Optional<Module> ofKey(String key) {
        for (Module module : values()) {
            if (module.key().equals(key)) {
                return Optional.of(module);
            }
        }
        return Optional.empty();
    }
}
