package dev.stoa.agent.domain.model;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * An agent's usage over the sixty seconds before {@code now}, from one-second buckets: a sliding minute, so a burst
 * cannot take a limit twice by straddling the turn of a clock minute, and a refusal says to the second when the
 * oldest counted use leaves the minute.
 */
public record RecentUsage(List<Usage> buckets, OffsetDateTime now) {
    public static final Duration MINUTE = Duration.ofMinutes(1);

    public RecentUsage {
        buckets = buckets.stream()
                .filter(b -> b.windowStart().isAfter(now.minus(MINUTE)))
                .sorted(Comparator.comparing(Usage::windowStart))
                .toList();
    }

    /** The bucket a use at {@code now} is added to. */
    public static OffsetDateTime bucket(OffsetDateTime now) {
        return now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The oldest bucket still inside the minute ending at {@code now}. */
    public static OffsetDateTime since(OffsetDateTime now) {
        return bucket(now).minus(MINUTE).plusSeconds(1);
    }

    public long requests() {
        return buckets.stream().mapToLong(Usage::requests).sum();
    }

    public long tokens() {
        return buckets.stream().mapToLong(Usage::tokens).sum();
    }

    /** Totals over the minute, dated from where it begins. */
    public Usage total() {
        return new Usage(now.minus(MINUTE), requests(), tokens());
    }

    /**
     * Whether {@code requests} more fit the limits; tokens are reported after the model answers, so a request is
     * refused once the minute's tokens reach the limit.
     */
    public Admission admit(RateLimits limits, long requests) {
        if (requests > 0 && limits.requestsPerMinute() > 0 && requests() + requests > limits.requestsPerMinute()) {
            long excess = requests() + requests - limits.requestsPerMinute();
            return Admission.refused("requests", untilFreed(excess, Usage::requests));
        }
        if (requests > 0 && limits.tokensPerMinute() > 0 && tokens() >= limits.tokensPerMinute()) {
            long excess = tokens() - limits.tokensPerMinute() + 1;
            return Admission.refused("tokens", untilFreed(excess, Usage::tokens));
        }
        return Admission.ADMITTED;
    }

    /** How long until the oldest buckets holding {@code excess} uses have left the minute (at least a second). */
    private Duration untilFreed(long excess, ToLongFunction<Usage> count) {
        long freed = 0;
        for (Usage bucket : buckets) {
            freed += count.applyAsLong(bucket);
            if (freed >= excess) {
                Duration wait = Duration.between(now, bucket.windowStart().plus(MINUTE));
                return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
            }
        }
        return MINUTE; // a single report larger than the limit: wait a whole minute
    }

    /** Whether a use fits; when not, which limit ({@code requests} or {@code tokens}) and for how long. */
    public record Admission(@Nullable String limited, Duration retryAfter) {
        public static final Admission ADMITTED = new Admission(null, Duration.ZERO);

        static Admission refused(String limited, Duration retryAfter) {
            return new Admission(limited, retryAfter);
        }

        public boolean admitted() {
            return limited == null;
        }
    }
}
