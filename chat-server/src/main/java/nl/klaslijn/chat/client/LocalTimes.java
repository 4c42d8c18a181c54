package nl.klaslijn.chat.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Server times (ISO-8601 instants, UTC) as the user's local time: "14:03" today, "di 3 dec 14:03" before. */
final class LocalTimes {

    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.forLanguageTag("nl"));

    private final ZoneId zone;

    LocalTimes(ZoneId zone) {
        this.zone = zone;
    }

    /** The instant in this zone; the text as given when it is not an instant. */
    String format(String instant, LocalDate today) {
        try {
            ZonedDateTime local = Instant.parse(instant).atZone(zone);
            return (local.toLocalDate().equals(today) ? TODAY : EARLIER).format(local);
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    String format(String instant) {
        return format(instant, LocalDate.now(zone));
    }
}
