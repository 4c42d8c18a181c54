package nl.klaslijn.portal.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of a school's audit log, newest first; {@code next} is the cursor of the following page, null at the end. */
public record AuditPage(List<AuditEntry> entries, @Nullable String next) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
