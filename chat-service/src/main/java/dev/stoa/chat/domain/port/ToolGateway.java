package dev.stoa.chat.domain.port;

import dev.stoa.providers.ToolCall;
import java.util.List;

/**
 * Tools of a turn, through tool-router-service: which tools the model is offered, and running one call. A tool that
 * fails or times out is an {@link Outcome} with an error, never an exception: the model sees it and goes on.
 */
public interface ToolGateway {

    /** The tools offered for {@code query} (the user's message); empty when the agent has none. */
    List<Tool> select(Call call, String query);

    /** Runs one tool call to its end, reporting its lifecycle to {@code listener} as it goes. */
    Outcome invoke(Call call, ToolCall toolCall, Listener listener);

    /** Stops a running call (a cancelled turn); unknown or finished calls are ignored. */
    void cancel(Call call, String callId);

    /** Who is calling: the turn's context, and the caller's token (tool-router checks org access with it). */
    record Call(
            String orgId,
            String agentId,
            int agentVersion,
            String conversationId,
            String turnId,
            String userId,
            String callerToken) {
        @Override
        public String toString() {
            return "Call[orgId=" + orgId + ", agentId=" + agentId + ", turnId=" + turnId + "]";
        }
    }

    /** A tool the model may call: its name, description and JSON Schema of its arguments. */
    record Tool(String name, String description, String inputSchemaJson, int timeoutMs) {}

    /** How a call ended: its result (JSON text) or an error code and message. */
    record Outcome(boolean ok, String resultJson, String errorCode, String errorMessage, long latencyMs) {
        public static Outcome success(String resultJson, long latencyMs) {
            return new Outcome(true, resultJson, "", "", latencyMs);
        }

        public static Outcome failure(String code, String message, long latencyMs) {
            return new Outcome(false, "", code, message, latencyMs);
        }
    }

    /** The lifecycle of a call as the router reports it. */
    interface Listener {
        void started(String toolId, String source);

        void awaitingApproval(String approvalId, long expiresAtEpochMillis);
    }
}
