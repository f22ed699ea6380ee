package dev.stoa.monitoring.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MAX = Duration.ofDays(31);

    @Test
    void defaultsToTheFallbackWindowEndingNow() {
        TimeRange range = TimeRange.of(null, null, NOW, DAY, MAX);
        assertThat(range.from()).isEqualTo(NOW.minusDays(1));
        assertThat(range.to()).isEqualTo(NOW);
    }

    @Test
    void normalisesOffsetsToUtc() {
        OffsetDateTime oslo = OffsetDateTime.of(2026, 12, 3, 13, 0, 0, 0, ZoneOffset.ofHours(1));
        assertThat(TimeRange.of(null, oslo, NOW, DAY, MAX).to()).isEqualTo(NOW);
    }

    @Test
    void acceptsExactlyTheWidestRange() {
        assertThat(TimeRange.of(NOW.minus(MAX), NOW, NOW, DAY, MAX).from()).isEqualTo(NOW.minus(MAX));
    }

    @Test
    void refusesAWiderRangeNamingFrom() {
        assertThatThrownBy(() -> TimeRange.of(NOW.minus(MAX).minusSeconds(1), NOW, NOW, DAY, MAX))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("from").contains("31 days"));
    }

    @Test
    void refusesFromNotBeforeTo() {
        assertThatThrownBy(() -> TimeRange.of(NOW, NOW, NOW, DAY, MAX)).isInstanceOf(InvalidInputException.class);
        // only to given, before the default window's start: the window would be inverted
        assertThatThrownBy(() -> TimeRange.of(NOW, NOW.minusHours(1), NOW, DAY, MAX))
                .isInstanceOf(InvalidInputException.class);
    }
}
