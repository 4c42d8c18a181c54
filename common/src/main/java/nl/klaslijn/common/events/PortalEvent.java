package nl.klaslijn.common.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One portal event, version 1 of the contract. Small by design (at most {@value PortalEventJson#MAX_BYTES} bytes as
 * JSON): it names what changed, never carries medical data or another family's personal data, and a client fetches
 * the details with its own token.
 *
 * @param eventId chosen by the producer when it records the change; the receiving side delivers each id at most once
 * @param type what happened, {@code <module>.<what>} in lowercase ({@code news.published}, {@code group.renamed})
 * @param version the version of this type's {@code body} shape, 1 or more; a client ignores versions it does not know
 * @param schoolId the school (tenant) the event belongs to; it never reaches anyone outside it
 * @param audience who may receive it (re-checked per recipient)
 * @param module the portal module whose data changed ({@code news}, {@code calendar}, {@code school}): after a gap
 *     too old to replay, a client is told to refetch the modules that had events in it
 * @param entity what changed
 * @param occurredAt when the change was made (the producer's clock)
 * @param body at most {@value #MAX_BODY_ENTRIES} short strings every recipient may see (a title, a date); keys are
 *     camelCase ASCII
 */
public record PortalEvent(UUID eventId, String type, int version, UUID schoolId, Audience audience, String module,
        EntityRef entity, Instant occurredAt, Map<String, String> body) {

    public static final int MAX_BODY_ENTRIES = 8;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,29}\\.[a-z][a-z0-9_.]{0,29}");
    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,29}");

    public PortalEvent {
        Fields.required(eventId, "eventId");
        Fields.required(type, "type");
        Fields.required(schoolId, "schoolId");
        Fields.required(audience, "audience");
        Fields.required(module, "module");
        Fields.required(entity, "entity");
        Fields.required(occurredAt, "occurredAt");
        body = Map.copyOf(Fields.required(body, "body"));
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must match " + TYPE.pattern());
        }
        if (version < 1) {
            throw new IllegalArgumentException("event version must be 1 or more");
        }
        if (!MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("event module must match " + MODULE.pattern());
        }
        if (body.size() > MAX_BODY_ENTRIES) {
            throw new IllegalArgumentException("event body has more than " + MAX_BODY_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> e : body.entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("event body key must match " + KEY.pattern());
            }
            if (!isWellFormed(e.getValue())) {
                throw new IllegalArgumentException("event body value " + e.getKey() + " is not well-formed text");
            }
        }
    }

    /** Valid UTF-16 (no lone surrogates) without control characters. */
    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
