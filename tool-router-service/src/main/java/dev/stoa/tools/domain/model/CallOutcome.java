package dev.stoa.tools.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * How a call ended.
 *
 * @param status {@code succeeded}, {@code failed}, {@code timed_out}, {@code rejected} or {@code cancelled}
 * @param resultJson the result when it succeeded
 * @param errorCode a stable code when it did not (see ToolError in tool_router_messages.proto)
 */
public record CallOutcome(
        String status,
        @Nullable String resultJson,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        boolean retryable,
        long latencyMs) {

    public static CallOutcome succeeded(String resultJson, long latencyMs) {
        return new CallOutcome("succeeded", resultJson, null, null, false, latencyMs);
    }

    public static CallOutcome failed(String status, String code, String message, boolean retryable, long latencyMs) {
        return new CallOutcome(status, null, code, message, retryable, latencyMs);
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
