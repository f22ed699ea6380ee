package dev.stoa.tools.domain.port;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Chat turns run by chat-service for an agent an MCP endpoint exposes (chat's gRPC, with this service's credential). */
public interface ChatTurns {
    /**
     * Runs one turn of a new conversation with {@code agentId} and waits for its outcome.
     *
     * @param userId who asked (the token's owner), recorded as the conversation's end user
     * @param idempotencyKey the same key replays the same turn
     */
    Answer ask(String orgId, String agentId, String message, String userId, String idempotencyKey, Duration timeout);

    /**
     * A turn's outcome.
     *
     * @param status {@code completed}, {@code failed} or {@code cancelled}
     */
    record Answer(
            String status,
            String output,
            String conversationId,
            @Nullable String errorCode,
            @Nullable String errorMessage) {}
}
