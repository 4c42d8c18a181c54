package nl.klaslijn.common.events;

import org.jspecify.annotations.Nullable;

/** Field checks shared by the event records: a missing field is an {@link IllegalArgumentException} naming it. */
final class Fields {

    private Fields() {}

    static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
