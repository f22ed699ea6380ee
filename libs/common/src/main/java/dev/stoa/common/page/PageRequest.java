package dev.stoa.common.page;

import dev.stoa.common.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** A page to read: at most {@code limit} items after {@code cursor} (decoded sort key, or null for the start). */
public record PageRequest(int limit, @Nullable String after) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Validates the {@code limit} and {@code cursor} query parameters. */
    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor));
    }
}
