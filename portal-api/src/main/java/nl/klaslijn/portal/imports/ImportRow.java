package nl.klaslijn.portal.imports;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One valid pupil line of an import file (values stripped of surrounding spaces).
 *
 * @param line the physical line it starts on
 * @param pupilNumber the school's own pupil number, or null
 * @param guardians zero to four, in column order, with distinct e-mail addresses
 */
record ImportRow(long line, String group, @Nullable String pupilNumber, String firstName, String lastName,
        List<GuardianCells> guardians) {

    /** {@code guardianN_name} and {@code guardianN_email} of one line; {@code slot} is N. */
    record GuardianCells(int slot, String name, String email) {}
}
