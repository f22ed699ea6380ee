package dev.stoa.eval.domain;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import dev.stoa.eval.domain.model.AbTest;
import dev.stoa.eval.domain.model.FinishedTurn;
import dev.stoa.eval.domain.model.Judgement;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.model.QualityCheck;
import dev.stoa.eval.domain.model.QualityConfig;
import dev.stoa.eval.domain.port.AbTestRepository;
import dev.stoa.eval.domain.port.JudgeModels;
import dev.stoa.eval.domain.port.QualityRepository;
import dev.stoa.eval.domain.scoring.Judge;
import dev.stoa.eval.domain.scoring.Observation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completed agent turns from {@code stoa.turns.v1}: a turn of a version under a running A/B test is sampled and judged
 * with the test's rubric; a turn of an agent with quality checks enabled is kept (for run-now checks) and sampled and
 * judged against the agent's quality rubric. Sampling is deterministic (the turn id's hash), and every effect is keyed
 * by the turn id (judgements, checks, kept turns and the judge's spend), so a redelivered event changes nothing.
 */
@Service
public final class LiveTurns {
    /** The kinds of turns chat-service runs for an agent (eval's own judge calls are {@code eval_judge}). */
    static final Set<String> AGENT_TURNS = Set.of("chat", "invoke");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(LiveTurns.class);

    private final AbTestRepository tests;
    private final QualityRepository quality;
    private final JudgeModels judges;
    private final Clock clock;

    public LiveTurns(AbTestRepository tests, QualityRepository quality, JudgeModels judges, Clock clock) {
        this.tests = tests;
        this.quality = quality;
        this.judges = judges;
        this.clock = clock;
    }

    public void onTurn(FinishedTurn turn) {
        if (!"completed".equals(turn.outcome()) || !AGENT_TURNS.contains(turn.kind())) {
            return;
        }
        tests.running(turn.orgId(), turn.agentId()).ifPresent(test -> abTest(test, turn));
        Optional<QualityConfig> config = quality.config(turn.orgId(), turn.agentId());
        if (config.isPresent() && config.get().enabled()) {
            quality.keepTurn(turn);
            if (sampled(turn.turnId(), config.get().sampleRate()) && !quality.checked(turn.orgId(), turn.turnId())) {
                QualityConfig c = config.get();
                judgeLive(turn, c.judgeModel(), "quality:" + turn.turnId(), c.rubric())
                        .ifPresent(verdict -> record(c, turn, "live", verdict));
            }
        }
    }

    private void abTest(AbTest test, FinishedTurn turn) {
        String variant = test.variantOf(turn.agentVersion());
        if (variant == null
                || !sampled(turn.turnId(), test.sampleRate())
                || tests.judged(turn.orgId(), test.id(), turn.turnId())) {
            return;
        }
        Optional<Judge.Verdict> judged =
                judgeLive(turn, test.judgeModel(), "ab:" + test.id() + ":" + turn.turnId(), test.rubric());
        if (judged.isEmpty()) {
            return;
        }
        Judge.Verdict verdict = judged.get();
        double score = Math.clamp(verdict.score(), 0, 1);
        tests.record(
                turn.orgId(),
                new Judgement(
                        test.id(),
                        turn.turnId(),
                        turn.conversationId(),
                        variant,
                        turn.agentVersion(),
                        score,
                        score >= test.passThreshold(),
                        verdict.reasoning(),
                        OffsetDateTime.now(clock)));
    }

    /** Judges a turn against the agent's quality rubric and stores the check, unless the turn has one. */
    QualityCheck check(QualityConfig config, FinishedTurn turn, String source) {
        return record(
                config, turn, source, judge(turn, config.judgeModel(), "quality:" + turn.turnId(), config.rubric()));
    }

    private QualityCheck record(QualityConfig config, FinishedTurn turn, String source, Judge.Verdict verdict) {
        double score = Math.clamp(verdict.score(), 0, 1);
        QualityCheck check = new QualityCheck(
                Ids.generate("qchk"),
                turn.orgId(),
                turn.agentId(),
                turn.agentVersion(),
                turn.turnId(),
                turn.conversationId(),
                score,
                score >= config.passThreshold(),
                verdict.reasoning(),
                source,
                OffsetDateTime.now(clock));
        quality.record(check);
        return check;
    }

    /**
     * A live turn's verdict, or none when judging it cannot succeed by retrying (the judge model is gone, or its reply
     * is no verdict): the turn is skipped rather than holding up its partition. A judge that is away (UNAVAILABLE)
     * throws, so the listener retries the event with back-off.
     */
    private Optional<Judge.Verdict> judgeLive(FinishedTurn turn, String judgeModel, String turnKey, String rubric) {
        try {
            return Optional.of(judge(turn, judgeModel, turnKey, rubric));
        } catch (StoaException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE && !e.code().equals("judge_reply_invalid")) {
                throw e;
            }
            log.warn("skipped judging a turn of agent {}: {}", turn.agentId(), e.code());
            return Optional.empty();
        }
    }

    private Judge.Verdict judge(FinishedTurn turn, String judgeModel, String turnKey, String rubric) {
        ModelChoice model = JSON.readValue(judgeModel, ModelChoice.class);
        return judges.judge(
                turn.orgId(),
                turn.agentId(),
                turn.agentVersion(),
                model,
                turnKey,
                rubric,
                new Observation(turn.userMessage(), null, turn.assistantMessage(), null, List.of(), 0, 0));
    }

    /** Forgets what was kept or judged of a deleted conversation (user content): kept turns, checks, judgements. */
    public void conversationDeleted(String orgId, String conversationId) {
        quality.forgetConversation(orgId, conversationId);
        tests.forgetConversation(orgId, conversationId);
    }

    /**
     * Whether a turn is in the sample: the first 8 bytes of SHA-256 of its id, as a fraction of 2^64, below the
     * rate. Deterministic, so a redelivery or a replica decides the same; uniform, so the rate is the share sampled.
     */
    static boolean sampled(String turnId, double rate) {
        if (rate >= 1) {
            return true;
        }
        if (rate <= 0) {
            return false;
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(turnId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        // the unsigned value / 2^64, in [0, 1)
        double fraction = (bits >>> 11) * 0x1.0p-53;
        return fraction < rate;
    }
}
