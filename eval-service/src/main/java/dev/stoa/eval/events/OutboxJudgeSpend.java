package dev.stoa.eval.events;

import static dev.stoa.eval.store.jooq.Tables.EVAL_JUDGE_CHARGES;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.store.TenantTransactions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Records a judge call's cost as spend: a {@code stoa.events.v1.TurnFinished} with {@code kind = "eval_judge"} on
 * {@code stoa.turns.v1} (what monitoring's cost ledger reads), written through the outbox in the transaction that
 * marks the judge turn charged, so a judgement made again is published once.
 */
@Component
public final class OutboxJudgeSpend {
    private final TenantTransactions tx;
    private final Outbox outbox;

    public OutboxJudgeSpend(TenantTransactions tx, Outbox outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }

    /** One judge call; {@code turnId} is deterministic per (run, case, version, scorer, attempt). */
    public record JudgeCall(
            String orgId,
            String agentId,
            int agentVersion,
            String turnId,
            String providerId,
            String model,
            long inputTokens,
            long outputTokens,
            long costMicros,
            Instant startedAt,
            Instant finishedAt) {}

    /** Publishes the call's spend unless this turn id was charged before; true when it was charged now. */
    public boolean charge(JudgeCall call) {
        return tx.inOrg(call.orgId(), dsl -> {
            int inserted = dsl.insertInto(EVAL_JUDGE_CHARGES)
                    .set(EVAL_JUDGE_CHARGES.TURN_ID, call.turnId())
                    .set(EVAL_JUDGE_CHARGES.ORG_ID, call.orgId())
                    .set(EVAL_JUDGE_CHARGES.COST_MICROS, call.costMicros())
                    .set(EVAL_JUDGE_CHARGES.CREATED_AT, OffsetDateTime.ofInstant(call.finishedAt(), ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            outbox.append(
                    dsl,
                    Topics.TURNS,
                    call.orgId(),
                    "dev.stoa.eval.judge.completed",
                    call.turnId(),
                    TurnFinished.newBuilder()
                            .setOrgId(call.orgId())
                            .setAgentId(call.agentId())
                            .setAgentVersion(call.agentVersion())
                            .setTurnId(call.turnId())
                            .setProviderId(call.providerId())
                            .setModel(call.model())
                            .setInputTokens(call.inputTokens())
                            .setOutputTokens(call.outputTokens())
                            .setCostMicros(call.costMicros())
                            .setLatencyMs(call.finishedAt().toEpochMilli()
                                    - call.startedAt().toEpochMilli())
                            .setOutcome("completed")
                            .setKind("eval_judge")
                            .setStartedAt(timestamp(call.startedAt()))
                            .setFinishedAt(timestamp(call.finishedAt()))
                            .build());
            return true;
        });
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
