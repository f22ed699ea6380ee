package dev.stoa.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.agent.domain.model.RateLimits;
import dev.stoa.agent.domain.model.RecentUsage;
import dev.stoa.agent.domain.model.RecentUsage.Admission;
import dev.stoa.agent.domain.model.Usage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentUsageTest {
    static final OffsetDateTime MINUTE_TURNS = OffsetDateTime.of(2026, 12, 3, 16, 17, 0, 0, ZoneOffset.UTC);

    static Usage at(OffsetDateTime second, long requests, long tokens) {
        return new Usage(second, requests, tokens);
    }

    @Test
    void aBurstStraddlingTheTurnOfAClockMinuteStillMeetsTheLimit() {
        OffsetDateTime now = MINUTE_TURNS.plusNanos(200_000_000);
        RecentUsage recent = new RecentUsage(List.of(at(MINUTE_TURNS.minusSeconds(1), 1, 0)), now);

        Admission second = recent.admit(new RateLimits(1, 0), 1);

        assertThat(second.limited()).isEqualTo("requests");
        assertThat(second.retryAfter()).isEqualTo(Duration.ofMillis(58_800));
    }

    @Test
    void countsOnlyTheLastSixtySeconds() {
        OffsetDateTime now = MINUTE_TURNS.plusSeconds(30);
        RecentUsage recent = new RecentUsage(
                List.of(at(now.minusSeconds(60), 5, 500), at(now.minusSeconds(59), 2, 20), at(now, 1, 10)), now);

        assertThat(recent.requests()).isEqualTo(3);
        assertThat(recent.tokens()).isEqualTo(30);
        assertThat(recent.total().windowStart()).isEqualTo(now.minusSeconds(60));
        assertThat(RecentUsage.since(now)).isEqualTo(now.minusSeconds(59));
    }

    @Test
    void retryAfterIsWhenEnoughOfTheOldestUsesHaveLeftTheMinute() {
        OffsetDateTime now = MINUTE_TURNS.plusSeconds(50);
        RecentUsage recent = new RecentUsage(
                List.of(
                        at(MINUTE_TURNS.plusSeconds(20), 1, 0),
                        at(MINUTE_TURNS.plusSeconds(10), 2, 0),
                        at(MINUTE_TURNS.plusSeconds(40), 1, 0)),
                now);

        // 4 used of 4: one more needs the bucket at +10 s (the oldest, 2 uses) gone, at +70 s: 20 s from now.
        assertThat(recent.admit(new RateLimits(4, 0), 1)).isEqualTo(new Admission("requests", Duration.ofSeconds(20)));
        // Two more still need only that bucket gone; three need the one at +20 s gone too, 30 s from now.
        assertThat(recent.admit(new RateLimits(4, 0), 2).retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(recent.admit(new RateLimits(4, 0), 3).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(recent.admit(new RateLimits(5, 0), 1).admitted()).isTrue();
        assertThat(recent.admit(RateLimits.NONE, 1000).admitted()).isTrue();
    }

    @Test
    void refusesRequestsOnceTheMinutesTokensReachTheLimitButNeverATokenReport() {
        OffsetDateTime now = MINUTE_TURNS.plusSeconds(5);
        RecentUsage recent =
                new RecentUsage(List.of(at(MINUTE_TURNS.minusSeconds(30), 1, 600), at(MINUTE_TURNS, 1, 400)), now);

        assertThat(recent.admit(new RateLimits(0, 1000), 1)).isEqualTo(new Admission("tokens", Duration.ofSeconds(25)));
        assertThat(recent.admit(new RateLimits(0, 1001), 1).admitted()).isTrue();
        assertThat(recent.admit(new RateLimits(0, 1000), 0).admitted()).isTrue();
    }

    @Test
    void aRetryIsNeverSoonerThanASecond() {
        OffsetDateTime now = MINUTE_TURNS.plusSeconds(59).plusNanos(900_000_000);
        RecentUsage recent = new RecentUsage(List.of(at(MINUTE_TURNS, 1, 0)), now);

        assertThat(recent.admit(new RateLimits(1, 0), 1).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }
}
