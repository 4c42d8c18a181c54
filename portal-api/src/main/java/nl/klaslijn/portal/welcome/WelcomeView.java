package nl.klaslijn.portal.welcome;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the first login shows at one school.
 *
 * @param show true until the person acknowledged the welcome at this school
 * @param welcomeText the school's text; null if the administrators set none
 * @param checklist in order: {@code check-details}, {@code medical-data} (parents only), {@code change-password}
 */
public record WelcomeView(UUID schoolId, boolean show, @Nullable Instant acknowledgedAt, @Nullable String welcomeText,
        List<Item> checklist) {

    /**
     * One checklist item.
     *
     * @param done whether it is done; null when unknown (medical data while no medical-data feature is connected)
     * @param optional the person may skip it (change password)
     * @param children for {@code medical-data}: each child with whether its data is complete (null: unknown)
     * @param connected for {@code medical-data}: false while no medical-data feature answers
     */
    public record Item(String item, @Nullable Boolean done, boolean optional, @Nullable List<ChildState> children,
            @Nullable Boolean connected) {}

    public record ChildState(UUID pupilId, @Nullable Boolean complete) {}
}
