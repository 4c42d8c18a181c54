package nl.klaslijn.chat.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import nl.klaslijn.common.ids.SnowflakeIds;
import org.junit.jupiter.api.Test;

class BucketsTest {

    private static final long WEEK = Duration.ofDays(7).toMillis();

    private static long idAt(String instant) {
        return new SnowflakeIds(5, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).next();
    }

    @Test
    void messagesOfTheSameSpanShareABucketAndTheNextSpanStartsANewOne() {
        long monday = idAt("2026-11-16T09:00:00Z");
        long tuesday = idAt("2026-11-17T09:00:00Z");
        long nextMonth = idAt("2026-12-20T09:00:00Z");
        assertThat(Buckets.of(monday, WEEK)).isEqualTo(Buckets.of(tuesday, WEEK));
        assertThat(Buckets.of(nextMonth, WEEK)).isGreaterThan(Buckets.of(tuesday, WEEK));
    }

    @Test
    void bucketsOrderLikeIds() {
        long earlier = idAt("2026-01-01T00:00:00Z");
        long later = idAt("2026-06-01T00:00:00Z");
        assertThat(Buckets.of(earlier, 1000)).isLessThan(Buckets.of(later, 1000));
    }

    @Test
    void writeTimestampsOrderLikeIdsAcrossMilliseconds() {
        SnowflakeIds ids = new SnowflakeIds(1, Clock.systemUTC());
        long a = ids.next();
        long b = SnowflakeIds.lowestAt(SnowflakeIds.timeOf(a).plusMillis(1)) + 3;
        assertThat(Buckets.writeTimestampMicros(b)).isGreaterThan(Buckets.writeTimestampMicros(a));
        assertThat(Buckets.writeTimestampMicros(a) / 1000).isEqualTo(SnowflakeIds.timeOf(a).toEpochMilli());
    }

    @Test
    void previewCutsLongTextWithoutSplittingASurrogatePair() {
        String text = "a".repeat(119) + "😀" + "tail";
        String preview = Messages.preview(text);
        assertThat(preview).endsWith("…");
        assertThat(preview.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp))).isTrue();
        assertThat(Messages.preview("short")).isEqualTo("short");
    }
}
