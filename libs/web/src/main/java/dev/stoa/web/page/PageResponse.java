package dev.stoa.web.page;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stoa.common.page.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of every list endpoint: {@code {"data": [...], "next_cursor": "..."}}; {@code next_cursor} is null
 * (and present) on the last page so clients can loop on it without guessing.
 */
public record PageResponse<T>(
        @JsonProperty("data") List<T> data,

        @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
        String nextCursor) {

    public PageResponse {
        data = List.copyOf(data);
    }

    public static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.items(), page.nextCursor());
    }
}
