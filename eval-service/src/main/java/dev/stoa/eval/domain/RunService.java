package dev.stoa.eval.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.CaseResult;
import dev.stoa.eval.domain.model.Dataset;
import dev.stoa.eval.domain.model.EvalCase;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.model.Run;
import dev.stoa.eval.domain.model.RunStatus;
import dev.stoa.eval.domain.port.AgentVersions;
import dev.stoa.eval.domain.port.DatasetRepository;
import dev.stoa.eval.domain.port.RunRepository;
import dev.stoa.eval.domain.scoring.Scorer;
import dev.stoa.eval.domain.scoring.ScorerSpecs;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Eval runs: checks what a run names (dataset version, agent versions, judge model), queues it for the run worker,
 * and reads its progress and results; cancel and re-run of failed cases.
 */
@Service
public final class RunService {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final AgentVersions agents;
    private final Clock clock;

    public RunService(RunRepository runs, DatasetRepository datasets, AgentVersions agents, Clock clock) {
        this.runs = runs;
        this.datasets = datasets;
        this.agents = agents;
        this.clock = clock;
    }

    /** What a new run names; {@code scorers} is a JSON array of default specs (may be null: none). */
    public record NewRun(
            String datasetId,
            @Nullable Integer datasetVersion,
            String agentId,
            List<Integer> agentVersions,
            @Nullable JsonNode scorers,
            @Nullable ModelChoice judgeModel,
            int concurrency) {}

    public Run create(Principal principal, NewRun request) {
        String orgId = Access.write(principal);
        List<Scorer> defaults = request.scorers() == null ? List.of() : ScorerSpecs.parse(request.scorers(), "scorers");
        if (new HashSet<>(request.agentVersions()).size()
                != request.agentVersions().size()) {
            throw new InvalidInputException("agent_versions", "must name distinct versions");
        }
        Dataset dataset = datasets.find(orgId, request.datasetId())
                .orElseThrow(() -> Fields.notFound("dataset_id", "dataset " + request.datasetId() + " not found"));
        Integer asked = request.datasetVersion();
        if (asked != null && (asked < 1 || asked > dataset.version())) {
            throw Fields.notFound("dataset_version", "dataset version " + asked + " not found");
        }
        int version = asked == null ? dataset.version() : asked;
        List<EvalCase> cases = datasets.allCases(orgId, dataset.id(), version);
        if (cases.isEmpty()) {
            throw Fields.unprocessable("dataset_empty", "dataset_version", "the dataset version has no cases");
        }
        for (int i = 0; i < request.agentVersions().size(); i++) {
            if (!agents.exists(orgId, request.agentId(), request.agentVersions().get(i))) {
                throw Fields.notFound(
                        "agent_versions[" + i + "]",
                        "agent " + request.agentId() + " has no version "
                                + request.agentVersions().get(i));
            }
        }
        boolean needsJudge = ScorerSpecs.needsJudge(defaults)
                || cases.stream()
                        .anyMatch(c -> ScorerSpecs.needsJudge(
                                ScorerSpecs.parse(c.content().scorersJson())));
        ModelChoice judge = request.judgeModel();
        if (needsJudge && judge == null) {
            throw Fields.unprocessable("judge_model_required", "judge_model", "llm_judge scorers need a judge_model");
        }
        if (judge != null
                && !agents.judgeModelAvailable(
                        orgId, request.agentId(), request.agentVersions().getFirst(), judge)) {
            throw Fields.unprocessable(
                    "judge_model_unavailable", "judge_model", "the org has no provider for this judge model");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int total = cases.size() * request.agentVersions().size();
        Run run = new Run(
                Ids.generate("erun"),
                orgId,
                dataset.id(),
                version,
                request.agentId(),
                List.copyOf(request.agentVersions()),
                request.scorers() == null ? "[]" : JSON.writeValueAsString(request.scorers()),
                judge == null ? null : JSON.writeValueAsString(judge),
                request.concurrency(),
                RunStatus.QUEUED,
                total,
                0,
                0,
                1,
                now,
                now);
        List<RunRepository.Pending> pending = new ArrayList<>(total);
        for (EvalCase c : cases) {
            for (int agentVersion : request.agentVersions()) {
                pending.add(new RunRepository.Pending(c.id(), c.position(), agentVersion));
            }
        }
        runs.insert(run, pending);
        return run;
    }

    public Run get(Principal principal, String id) {
        return find(Access.read(principal), id);
    }

    public Page<Run> list(Principal principal, PageRequest page) {
        return runs.list(Access.read(principal), page);
    }

    public Page<CaseResult> results(Principal principal, String id, PageRequest page) {
        String orgId = Access.read(principal);
        find(orgId, id);
        return runs.results(orgId, id, page);
    }

    /** Stops a queued or running run: cases not yet started are not run (a finished run is left as it is). */
    public Run cancel(Principal principal, String id) {
        String orgId = Access.write(principal);
        find(orgId, id);
        runs.transition(
                orgId,
                id,
                List.of(RunStatus.QUEUED, RunStatus.RUNNING),
                RunStatus.CANCELLED,
                OffsetDateTime.now(clock));
        return find(orgId, id);
    }

    /** Runs the cases whose turn failed again, as new turns (a finished run is queued again). */
    public Run rerunFailed(Principal principal, String id) {
        String orgId = Access.write(principal);
        Run run = find(orgId, id);
        if (run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING) {
            throw Fields.unprocessable("run_in_progress", "run_id", "the run is still in progress");
        }
        runs.resetErrors(orgId, id, OffsetDateTime.now(clock));
        return find(orgId, id);
    }

    Run find(String orgId, String id) {
        return runs.find(orgId, id).orElseThrow(() -> new NotFoundException("run", id));
    }
}
