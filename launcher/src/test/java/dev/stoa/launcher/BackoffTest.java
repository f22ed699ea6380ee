package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(2));

    @Test
    void doublesWhileAServiceKeepsCrashingUpToTheMaximum() {
        Duration shortRun = Duration.ofSeconds(5);

        Duration first = backoff.next(Duration.ZERO, shortRun);
        Duration second = backoff.next(first, shortRun);
        Duration third = backoff.next(second, shortRun);
        Duration capped = backoff.next(Duration.ofSeconds(8), shortRun);

        assertThat(first).isEqualTo(Duration.ofSeconds(1));
        assertThat(second).isEqualTo(Duration.ofSeconds(2));
        assertThat(third).isEqualTo(Duration.ofSeconds(4));
        assertThat(capped).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.next(capped, shortRun)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void startsOverAfterAStableRun() {
        assertThat(backoff.next(Duration.ofSeconds(8), Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(Duration.ofSeconds(8), Duration.ofSeconds(119))).isEqualTo(Duration.ofSeconds(10));
    }
}
