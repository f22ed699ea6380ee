package dev.stoa.fakeprovider;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A request the fake provider received: header names are lower-case; the body is a missing node when empty. */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, JsonNode body) {
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, case-insensitively, or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
