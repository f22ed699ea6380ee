package dev.stoa.chat.domain.port;

import dev.stoa.chat.domain.model.SafetyScan;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import java.time.OffsetDateTime;

/** What chat publishes, written in the caller's transaction (the outbox). */
public interface ChatEvents {

    /**
     * {@code TurnFinished} on {@code stoa.turns.v1}: a turn completed, failed or was cancelled; with the agent's
     * monthly budget (micro-USD, 0: none) for monitoring's budget alerts.
     */
    void turnFinished(Turn turn, TurnResult result, OffsetDateTime finishedAt, long monthlyBudgetMicros);

    /** {@code ConversationDeleted} on {@code stoa.conversations.v1}: memory and monitoring forget it. */
    void conversationDeleted(String orgId, String agentId, String conversationId, String userId, OffsetDateTime at);

    /**
     * One {@code SafetyFinding} on {@code stoa.safety.v1} per detection of the scan (masked previews only), in the
     * caller's transaction, or in one of its own when there is none (a refused message stores nothing else).
     */
    void safetyFindings(SafetyScan scan);
}
