package dev.stoa.memory.events;

import com.google.protobuf.Timestamp;
import dev.stoa.common.id.Ids;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.memory.domain.model.FinishedTurn;
import dev.stoa.memory.domain.model.ModelReply;
import dev.stoa.memory.domain.port.SpendEvents;
import dev.stoa.proto.events.v1.TurnFinished;
import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Extraction spend on {@code stoa.turns.v1} as a {@code TurnFinished} of kind {@code memory} (monitoring adds it to
 * the cost ledger like any turn; memory's own consumer ignores it). Its turn id derives from the source turn's, so the
 * event names the same turn however often extraction is attempted; it is written in the extraction's transaction.
 */
@Component
public final class OutboxSpendEvents implements SpendEvents {
    static final String KIND = "memory";

    private final DSLContext dsl;
    private final Outbox outbox;
    private final Clock clock;

    public OutboxSpendEvents(DSLContext dsl, Outbox outbox, Clock clock) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void extractionSpent(FinishedTurn source, ModelReply spent) {
        Instant now = clock.instant();
        String turnId = turnId(source.turnId());
        TurnFinished event = TurnFinished.newBuilder()
                .setOrgId(source.orgId())
                .setAgentId(source.agentId())
                .setConversationId(source.conversationId())
                .setTurnId(turnId)
                .setUserId(source.userId())
                .setProviderId(spent.providerId())
                .setModel(spent.model())
                .setInputTokens(spent.inputTokens())
                .setOutputTokens(spent.outputTokens())
                .setCostMicros(spent.costMicros())
                .setOutcome("completed")
                .setStartedAt(timestamp(now))
                .setFinishedAt(timestamp(now))
                .setKind(KIND)
                .build();
        outbox.append(dsl, Topics.TURNS, source.orgId(), "dev.stoa.memory.extraction.completed", turnId, event);
    }

    /** The same id on every attempt: {@code trn_} and the name-based UUID of {@code memory:<source turn id>}. */
    static String turnId(String sourceTurnId) {
        return Ids.derived("trn", "memory:" + sourceTurnId);
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
