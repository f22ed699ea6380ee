package dev.stoa.monitoring.domain.model;

import dev.stoa.common.error.InvalidInputException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** A half-open window {@code [from, to)} of event times, at most as wide as the service allows. */
public record TimeRange(OffsetDateTime from, OffsetDateTime to) {

    /**
     * The window the query parameters ask for: {@code to} defaults to now, {@code from} to {@code to - fallback}.
     * Refuses (400 naming the parameter) a {@code from} not before {@code to} and a window wider than {@code max}.
     */
    public static TimeRange of(
            @Nullable OffsetDateTime from,
            @Nullable OffsetDateTime to,
            OffsetDateTime now,
            Duration fallback,
            Duration max) {
        OffsetDateTime end = (to == null ? now : to).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime start = (from == null ? end.minus(fallback) : from).withOffsetSameInstant(ZoneOffset.UTC);
        if (!start.isBefore(end)) {
            throw new InvalidInputException("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw new InvalidInputException("from", "the range from..to may span at most " + max.toDays() + " days");
        }
        return new TimeRange(start, end);
    }
}
