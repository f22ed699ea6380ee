package dev.stoa.memory.store;

import dev.stoa.common.error.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The sort key of the newest-first fact list: creation time (microseconds, as PostgreSQL keeps it) and fact id. */
record FactCursor(OffsetDateTime at, String id) {

    static String of(OffsetDateTime at, String id) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant()) + "|" + id;
    }

    static FactCursor parse(String sortKey) {
        int bar = sortKey.indexOf('|');
        try {
            if (bar < 1 || bar == sortKey.length() - 1) {
                throw new NumberFormatException();
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(sortKey.substring(0, bar)), ChronoUnit.MICROS);
            return new FactCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), sortKey.substring(bar + 1));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }
}
