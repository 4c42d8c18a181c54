package nl.klaslijn.common.events;

import java.util.regex.Pattern;

/**
 * What a portal event is about: a client that holds an older {@code version} of this entity refetches it; one that
 * holds this version or a newer one ignores the event.
 *
 * @param kind the entity's kind, lowercase ({@code news_item}, {@code group}, {@code modules}), at most 40 characters
 * @param id the entity's id in its module (a UUID or another opaque string), 1 to 64 visible ASCII characters
 * @param version the entity's version after the change: grows with every change of the entity (e.g. its write time in
 *     microseconds); 0 or more
 */
public record EntityRef(String kind, String id, long version) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,64}");

    public EntityRef {
        Fields.required(kind, "entity.kind");
        Fields.required(id, "entity.id");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("entity kind must match " + KIND.pattern());
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("entity id must be 1 to 64 visible ASCII characters");
        }
        if (version < 0) {
            throw new IllegalArgumentException("entity version must be 0 or more");
        }
    }
}
