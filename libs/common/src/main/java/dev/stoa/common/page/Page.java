package dev.stoa.common.page;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One page of a list and the cursor of the next, if any. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows read in sort order: the extra row only proves a next page
     * exists, and the cursor is the sort key of the last row kept.
     */
    public static <T> Page<T> fromOverfetch(List<T> rows, int limit, Function<T, String> sortKey) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> kept = List.copyOf(rows.subList(0, limit));
        return new Page<>(kept, Cursors.encode(sortKey.apply(kept.getLast())));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
