package dev.stoa.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFrozenClockMovesOnlyWhenTold() {
        MutableClock clock = MutableClock.frozenAt(START);

        assertThat(clock.instant()).isEqualTo(START);
        clock.advance(Duration.ofMinutes(8));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(8)));
        clock.reset();
        assertThat(clock.instant()).isEqualTo(START);
    }

    @Test
    void aRunningClockFollowsTheSystemPlusItsOffset() {
        MutableClock clock = new MutableClock();

        clock.advance(Duration.ofDays(30));
        Instant system = Instant.now();

        assertThat(clock.instant())
                .isBetween(
                        system.plus(Duration.ofDays(30)).minusSeconds(5),
                        system.plus(Duration.ofDays(30)).plusSeconds(5));
        clock.set(START);
        assertThat(clock.instant()).isBetween(START, START.plusSeconds(5));
        clock.reset();
        assertThat(clock.instant())
                .isBetween(system.minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void ticksInMicrosecondsAsPostgresqlStores() {
        Instant now = new MutableClock().instant();

        assertThat(now).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aZoneCopySharesTheTime() {
        MutableClock clock = MutableClock.frozenAt(START);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(1));

        assertThat(paris.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
