package dev.stoa.monitoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.monitoring.domain.port.RetentionStore;
import dev.stoa.monitoring.domain.port.RetentionStore.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** A store holding {@code rows} expired rows of each kind, recording every call. */
    private static final class Store implements RetentionStore {
        final Map<Kind, Integer> left = new EnumMap<>(Kind.class);
        final List<String> calls = new ArrayList<>();

        Store(int rows) {
            for (Kind kind : Kind.values()) {
                left.put(kind, rows);
            }
        }

        @Override
        public int purge(Kind kind, OffsetDateTime before, int limit) {
            calls.add(kind + " " + before);
            int deleted = Math.min(limit, left.get(kind));
            left.put(kind, left.get(kind) - deleted);
            return deleted;
        }
    }

    private static Map<Kind, Duration> ages(Duration age) {
        Map<Kind, Duration> ages = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            ages.put(kind, age);
        }
        ages.put(Kind.TOOL_CALLS, Duration.ofDays(90));
        return ages;
    }

    @Test
    void deletesInBatchesUntilABatchComesBackShortEachKindAtItsOwnAge() {
        Store store = new Store(5);
        Retention retention = new Retention(store, ages(Duration.ofDays(30)), 2, Clock.fixed(NOW, ZoneOffset.UTC));

        Map<Kind, Integer> purged = retention.purgeExpired();

        assertThat(purged).containsEntry(Kind.TOOL_CALLS, 5).containsEntry(Kind.PROCESSED_EVENTS, 5);
        assertThat(store.left.values()).containsOnly(0);
        assertThat(store.calls)
                .filteredOn(call -> call.startsWith("TOOL_CALLS"))
                .containsExactly(
                        "TOOL_CALLS 2026-09-04T12:00Z", "TOOL_CALLS 2026-09-04T12:00Z", "TOOL_CALLS 2026-09-04T12:00Z");
        assertThat(store.calls).contains("DEAD_LETTERS 2026-11-03T12:00Z");
    }

    @Test
    void aBacklogLargerThanOneRunIsLeftToTheNext() {
        Store store = new Store(Retention.MAX_BATCHES * 2 + 1);
        Retention retention = new Retention(store, ages(Duration.ofDays(30)), 1, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.purgeExpired()).containsEntry(Kind.SAFETY_ALERTS, Retention.MAX_BATCHES);
        assertThat(store.left.get(Kind.SAFETY_ALERTS)).isEqualTo(Retention.MAX_BATCHES + 1);
    }

    @Test
    void everyKindNeedsAnAge() {
        Map<Kind, Duration> ages = ages(Duration.ofDays(30));
        ages.remove(Kind.DEAD_LETTERS);
        assertThatThrownBy(() -> new Retention(new Store(0), ages, 10, Clock.systemUTC()))
                .hasMessageContaining("DEAD_LETTERS");
    }
}
