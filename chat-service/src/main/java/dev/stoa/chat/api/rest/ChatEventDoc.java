package dev.stoa.chat.api.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shape of one Server-Sent Event of a turn, for the API document only: on the wire it is the lines {@code id:},
 * {@code event:} and {@code data:} (one line of JSON). Every data object has {@code turn_id}.
 */
@Schema(
        name = "ChatEvent",
        description = "One Server-Sent Event: `id:` the conversation-scoped sequence (send it back as Last-Event-ID),"
                + " `event:` the type, `data:` one line of JSON whose shape depends on the type."
                + " A `: keep-alive` comment is sent every 15 s while nothing happens.")
public record ChatEventDoc(
        @Schema(description = "Conversation-scoped sequence number.")
        long id,

        @Schema(
                allowableValues = {
                    "conversation",
                    "turn.started",
                    "text.delta",
                    "tool_call.requested",
                    "tool_call.started",
                    "tool_call.awaiting_approval",
                    "tool_call.finished",
                    "usage",
                    "turn.completed",
                    "turn.failed",
                    "turn.cancelled"
                })
        String event,

        @Schema(
                oneOf = {
                    ConversationData.class,
                    TurnStartedData.class,
                    TextDeltaData.class,
                    ToolCallRequestedData.class,
                    ToolCallStartedData.class,
                    ToolCallAwaitingApprovalData.class,
                    ToolCallFinishedData.class,
                    UsageData.class,
                    TurnCompletedData.class,
                    TurnFailedData.class,
                    TurnCancelledData.class
                })
        Object data) {

    /** {@code conversation}: first event of every turn. */
    @Schema(name = "ChatEventConversation")
    public record ConversationData(String turnId, String conversationId, String agentId, int agentVersion) {}

    /** {@code turn.started}, with what long-term memory put into the prompt. */
    @Schema(name = "ChatEventTurnStarted")
    public record TurnStartedData(String turnId, String userMessage, MemoryUsed memory) {}

    /** The facts memory recalled for the turn and put into its prompt. */
    @Schema(
            name = "ChatEventMemoryUsed",
            description = "What long-term memory gave the turn: answered=false when memory-service did not answer in"
                    + " time (or is not deployed) and the turn ran without memory; enabled=false when the agent's"
                    + " memory is off; fact_ids are the facts put into the prompt, most relevant first.")
    public record MemoryUsed(boolean answered, boolean enabled, int facts, List<String> factIds) {}

    /**
     * {@code text.delta}: a piece of the answer; the whole answer, scanned, in one delta while the agent's safety
     * policy redacts or blocks model output (see docs/chat-events.md).
     */
    @Schema(
            name = "ChatEventTextDelta",
            description = "A piece of the answer, as the model streams it. While the agent's safety policy redacts or"
                    + " blocks model output, the answer is held back and sent in one text.delta once complete and"
                    + " scanned: redacted ([REDACTED:<detector>]), or \"[response withheld by the safety policy]\""
                    + " when blocked.")
    public record TextDeltaData(String turnId, String text) {}

    /** {@code tool_call.requested}: the model asked for a tool. */
    @Schema(name = "ChatEventToolCallRequested")
    public record ToolCallRequestedData(String turnId, String callId, String name, Map<String, Object> arguments) {}

    /** {@code tool_call.started}: tool-router started the call. */
    @Schema(name = "ChatEventToolCallStarted")
    public record ToolCallStartedData(String turnId, String callId, String name, String toolId, String source) {}

    /** {@code tool_call.awaiting_approval}: the tool needs a person's approval first. */
    @Schema(name = "ChatEventToolCallAwaitingApproval")
    public record ToolCallAwaitingApprovalData(
            String turnId, String callId, String approvalId, long expiresAtEpochMillis) {}

    /** {@code tool_call.finished}: the result, or the error the model is shown. */
    @Schema(name = "ChatEventToolCallFinished")
    public record ToolCallFinishedData(
            String turnId,
            String callId,
            String name,
            @Schema(allowableValues = {"ok", "error"}) String status,
            @Nullable Object result,
            @Nullable ToolError error,
            long latencyMs) {}

    /** A tool's error: {@code tool_timeout}, {@code tool_failed} or the router's code. */
    @Schema(name = "ChatEventToolError")
    public record ToolError(String code, String message) {}

    /** {@code usage}: tokens of the whole turn and the model that answered. */
    @Schema(name = "ChatEventUsage")
    public record UsageData(
            String turnId,
            long inputTokens,
            long outputTokens,
            @Nullable String providerId,
            @Nullable String model) {}

    /**
     * {@code turn.completed}: the final answer and its cost in micro-USD; {@code step_limit_reached} when the tool
     * loop hit the step limit and this is the model's answer without further tools; the provider and model that
     * answered (the last model call's), and whether any model call fell back from the agent's primary target.
     */
    @Schema(name = "ChatEventTurnCompleted")
    public record TurnCompletedData(
            String turnId,
            String message,
            long costMicros,
            long inputTokens,
            long outputTokens,
            int toolCalls,
            boolean stepLimitReached,
            String providerId,
            String model,
            boolean fallbackTaken) {}

    /** {@code turn.failed}: a stable code (e.g. provider_unavailable, provider_auth_failed) and a message. */
    @Schema(name = "ChatEventTurnFailed")
    public record TurnFailedData(String turnId, String code, String message) {}

    /** {@code turn.cancelled}. */
    @Schema(name = "ChatEventTurnCancelled")
    public record TurnCancelledData(String turnId) {}
}
