package dev.stoa.eval.domain.port;

import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.scoring.Observation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** chat-service's turns: one case run as one turn of a pinned agent version. */
public interface ChatTurns {
    /**
     * Runs the case's input as a new conversation's turn; the same {@code idempotencyKey} replays the same turn.
     * Throws a StoaException when chat cannot be reached.
     */
    TurnOutcome run(String orgId, String agentId, int agentVersion, CaseContent content, String idempotencyKey);

    /** What the turn did: {@code completed} with its answer, or failed / cancelled with an error code. */
    record TurnOutcome(
            String status,
            @Nullable String turnId,
            String output,
            List<Observation.ToolCallMade> toolCalls,
            long costMicros,
            @Nullable String errorCode) {}
}
