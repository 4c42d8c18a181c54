package nl.klaslijn.chat.retention;

import java.time.Duration;

/**
 * @param defaultDays how long a school keeps chat history unless it chose otherwise (days; 730 = two school years)
 * @param sweepInterval how often the node sweeps every conversation for history past its school's retention
 */
public record RetentionSettings(int defaultDays, Duration sweepInterval) {

    public static final int DEFAULT_DAYS = 730;
    public static final int MAX_DAYS = 3_650;

    public RetentionSettings {
        if (defaultDays < 1 || defaultDays > MAX_DAYS) {
            throw new IllegalArgumentException("klaslijn.chat.retention.default-days must be 1 to " + MAX_DAYS
                    + ", got " + defaultDays);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("klaslijn.chat.retention.sweep-interval must be positive");
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(DEFAULT_DAYS, Duration.ofHours(6));
    }
}
