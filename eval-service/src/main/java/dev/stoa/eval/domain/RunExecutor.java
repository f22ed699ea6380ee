package dev.stoa.eval.domain;

import dev.stoa.common.error.StoaException;
import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.model.CaseResult;
import dev.stoa.eval.domain.model.EvalCase;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.model.Run;
import dev.stoa.eval.domain.model.RunStatus;
import dev.stoa.eval.domain.port.ChatTurns;
import dev.stoa.eval.domain.port.ChatTurns.TurnOutcome;
import dev.stoa.eval.domain.port.DatasetRepository;
import dev.stoa.eval.domain.port.JudgeModels;
import dev.stoa.eval.domain.port.RunRepository;
import dev.stoa.eval.domain.scoring.Judge;
import dev.stoa.eval.domain.scoring.Observation;
import dev.stoa.eval.domain.scoring.ScoreResult;
import dev.stoa.eval.domain.scoring.Scorer;
import dev.stoa.eval.domain.scoring.ScorerSpecs;
import dev.stoa.eval.domain.scoring.ScoringTools;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executes one run: its pending cases, at most {@code concurrency} at a time, each as one chat turn whose idempotency
 * key is run + case + agent version + attempt (so a case executed again after a restart replays its turn), then
 * scored. Stops between cases when the run is cancelled or the worker stops; what is still pending stays pending.
 */
@Component
public final class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 64;

    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final ChatTurns chat;
    private final JudgeModels judges;
    private final SentenceEmbeddings embeddings;
    private final Clock clock;

    public RunExecutor(
            RunRepository runs,
            DatasetRepository datasets,
            ChatTurns chat,
            JudgeModels judges,
            SentenceEmbeddings embeddings,
            Clock clock) {
        this.runs = runs;
        this.datasets = datasets;
        this.chat = chat;
        this.judges = judges;
        this.embeddings = embeddings;
        this.clock = clock;
    }

    /** Runs what is pending of the run until done, cancelled or {@code stopping}. */
    public void execute(String orgId, String runId, BooleanSupplier stopping) throws InterruptedException {
        Run run = runs.find(orgId, runId).orElse(null);
        if (run == null || run.status().finished()) {
            return;
        }
        runs.transition(orgId, runId, List.of(RunStatus.QUEUED), RunStatus.RUNNING, OffsetDateTime.now(clock));
        Map<String, EvalCase> cases = datasets.allCases(orgId, run.datasetId(), run.datasetVersion()).stream()
                .collect(Collectors.toMap(EvalCase::id, Function.identity()));
        List<Scorer> defaults = ScorerSpecs.parse(run.scorersJson());
        Semaphore slots = new Semaphore(run.concurrency());
        while (!stopping.getAsBoolean() && active(orgId, runId)) {
            List<CaseResult> batch = runs.pending(orgId, runId, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            List<Thread> threads = new ArrayList<>();
            try {
                for (CaseResult pending : batch) {
                    slots.acquire();
                    if (stopping.getAsBoolean() || !active(orgId, runId)) {
                        slots.release();
                        break;
                    }
                    threads.add(Thread.ofVirtual()
                            .name("eval-case-" + pending.caseId())
                            .start(() -> executeAndRecord(run, cases, pending, defaults, stopping, slots)));
                }
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                // the worker stops: cut the turns in flight short; their cases stay pending
                threads.forEach(Thread::interrupt);
                throw e;
            }
            if (!batch.isEmpty() && threads.size() < batch.size()) {
                break;
            }
        }
        if (!stopping.getAsBoolean() && runs.pending(orgId, runId, 1).isEmpty()) {
            runs.transition(orgId, runId, List.of(RunStatus.RUNNING), RunStatus.COMPLETED, OffsetDateTime.now(clock));
        }
    }

    private void executeAndRecord(
            Run run,
            Map<String, EvalCase> cases,
            CaseResult pending,
            List<Scorer> defaults,
            BooleanSupplier stopping,
            Semaphore slots) {
        try {
            EvalCase c = cases.get(pending.caseId());
            if (c != null) {
                CaseResult result = executeCase(run, c, pending, defaults);
                // a turn cut short by a stop stays pending: it runs again (same key) when the run is resumed
                if (!stopping.getAsBoolean()) {
                    runs.record(run.orgId(), result);
                }
            }
        } catch (RuntimeException e) {
            // left pending: executed again when the run is taken up next
            LOG.warn("eval case {} of run {} not recorded: {}", pending.caseId(), run.id(), e.toString());
        } finally {
            slots.release();
        }
    }

    private boolean active(String orgId, String runId) {
        return runs.find(orgId, runId).map(r -> !r.status().finished()).orElse(false);
    }

    private CaseResult executeCase(Run run, EvalCase c, CaseResult pending, List<Scorer> defaults) {
        String key = run.id() + ":" + c.id() + ":v" + pending.agentVersion() + ":a" + run.attempt();
        CaseContent content = c.content();
        long started = System.nanoTime();
        TurnOutcome outcome;
        try {
            outcome = chat.run(run.orgId(), run.agentId(), pending.agentVersion(), content, key);
        } catch (StoaException e) {
            return error(pending, null, e.code() + ": " + e.getMessage());
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        if (!"completed".equals(outcome.status())) {
            return error(pending, outcome.turnId(), "turn " + outcome.status() + ": " + outcome.errorCode());
        }
        Observation observation = new Observation(
                content.input() != null ? content.input() : String.valueOf(content.inputJson()),
                content.expected(),
                outcome.output(),
                content.inputJson() != null ? outcome.output() : null,
                outcome.toolCalls(),
                outcome.costMicros(),
                latencyMs);
        List<Scorer> own = ScorerSpecs.parse(content.scorersJson());
        List<Scorer> scorers = own.isEmpty() ? defaults : own;
        ScoringTools tools = new ScoringTools(embeddings, judge(run, c, pending));
        List<ScoreResult> scores = new ArrayList<>();
        try {
            for (Scorer scorer : scorers) {
                scores.add(scorer.score(observation, tools));
            }
        } catch (StoaException e) {
            return error(pending, outcome.turnId(), "scorer failed: " + e.code() + ": " + e.getMessage());
        }
        return new CaseResult(
                run.id(),
                c.id(),
                pending.agentVersion(),
                pending.position(),
                CaseResult.DONE,
                scores.stream().allMatch(ScoreResult::passed),
                outcome.output(),
                outcome.turnId(),
                outcome.costMicros(),
                latencyMs,
                scores,
                null,
                OffsetDateTime.now(clock));
    }

    private Judge judge(Run run, EvalCase c, CaseResult pending) {
        return (rubric, observation) -> {
            String selector = run.judgeModel();
            if (selector == null) {
                throw Fields.unprocessable(
                        "judge_model_required", "judge_model", "llm_judge scorers need a judge_model");
            }
            ModelChoice model = JSON.readValue(selector, ModelChoice.class);
            // one turn id per (run, case, version, scorer, attempt): a retried judgement is charged once
            String turnKey = "judge:" + run.id() + ":" + c.id() + ":v" + pending.agentVersion() + ":a" + run.attempt()
                    + ":" + Integer.toHexString(rubric.hashCode());
            return judges.judge(
                    run.orgId(), run.agentId(), pending.agentVersion(), model, turnKey, rubric, observation);
        };
    }

    private CaseResult error(CaseResult pending, @Nullable String turnId, String message) {
        return new CaseResult(
                pending.runId(),
                pending.caseId(),
                pending.agentVersion(),
                pending.position(),
                CaseResult.ERROR,
                false,
                null,
                turnId,
                null,
                null,
                List.of(),
                message.length() > 500 ? message.substring(0, 500) : message,
                OffsetDateTime.now(clock));
    }
}
