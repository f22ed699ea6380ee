package dev.stoa.fakeprovider;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One provider wire protocol: its auth header, error JSON shape, model list and chat reply formats. */
sealed interface Protocol permits OpenAiProtocol, AnthropicProtocol {
    JsonMapper JSON = JsonMapper.builder().build();

    /** Whether the request carries the required key (any key passes when none is required). */
    boolean authorized(RecordedRequest request, @Nullable String requiredKey);

    /** A protocol-level problem with an otherwise authorized request (e.g. a missing version header), or null. */
    @Nullable
    String precondition(RecordedRequest request);

    /** The provider's error JSON for a status. */
    String error(int status, String message);

    String models(List<String> ids);

    /** A whole (non-streamed) reply. */
    String complete(JsonNode request, Reply reply, long inputTokens);

    /** Streams a reply as SSE; the pacer may cut it short. */
    void stream(JsonNode request, Reply reply, long inputTokens, SseWriter sse, Pacer pacer) throws IOException;

    static String bearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : "";
    }
}
