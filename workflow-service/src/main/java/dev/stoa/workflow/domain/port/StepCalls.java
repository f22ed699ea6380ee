package dev.stoa.workflow.domain.port;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The peers steps call: chat for agent turns, the tool router for tools, the vetted HTTP client for URLs. */
public interface StepCalls {

    /** A chat turn as the workflow service for the org, on the agent's (pinned) version. */
    Outcome agentTurn(
            String orgId, String agentId, int agentVersion, String message, String idempotencyKey, Duration timeout);

    /** A tool call through the tool router. */
    Outcome tool(String orgId, String tool, JsonNode arguments, String idempotencyKey, Duration timeout);

    /** An HTTP call to a URL the SSRF policy admits. */
    Outcome http(String method, String url, @Nullable JsonNode body, String idempotencyKey, Duration timeout);

    /** What a call gave: its output, or an error and whether trying again may help. */
    record Outcome(@Nullable JsonNode output, @Nullable String error, boolean retryable) {
        public static Outcome ok(JsonNode output) {
            return new Outcome(output, null, false);
        }

        public static Outcome failed(String error, boolean retryable) {
            return new Outcome(null, error, retryable);
        }
    }
}
