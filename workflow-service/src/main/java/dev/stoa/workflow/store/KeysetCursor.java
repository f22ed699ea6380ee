package dev.stoa.workflow.store;

import dev.stoa.common.error.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The sort key of a newest-first list: a timestamp (microseconds, as PostgreSQL keeps it) and the row's id. */
record KeysetCursor(OffsetDateTime at, String id) {

    static String of(OffsetDateTime at, String id) {
        Instant instant = at.toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        return micros + "|" + id;
    }

    static KeysetCursor parse(String sortKey) {
        int bar = sortKey.indexOf('|');
        try {
            if (bar < 1 || bar == sortKey.length() - 1) {
                throw new NumberFormatException();
            }
            long micros = Long.parseLong(sortKey.substring(0, bar));
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new KeysetCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), sortKey.substring(bar + 1));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }
}
