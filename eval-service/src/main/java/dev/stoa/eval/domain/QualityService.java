package dev.stoa.eval.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.FinishedTurn;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.model.QualityCheck;
import dev.stoa.eval.domain.model.QualityConfig;
import dev.stoa.eval.domain.port.AgentVersions;
import dev.stoa.eval.domain.port.QualityRepository;
import dev.stoa.eval.domain.port.QualityRepository.DayStats;
import dev.stoa.eval.domain.port.QualityRepository.Filter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quality checks: per-agent configuration, the checks and their statistics, and a check run now over the kept turns of
 * a time window (synchronous: at most 500 turns, judged one after another).
 */
@Service
public final class QualityService {
    /** The longest window a run-now check covers. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    private static final Logger log = LoggerFactory.getLogger(QualityService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QualityRepository quality;
    private final AgentVersions agents;
    private final LiveTurns live;
    private final Clock clock;

    public QualityService(QualityRepository quality, AgentVersions agents, LiveTurns live, Clock clock) {
        this.quality = quality;
        this.agents = agents;
        this.live = live;
        this.clock = clock;
    }

    /** An agent's quality settings; the request layer has checked ranges and defaults. */
    public record ConfigInput(
            boolean enabled, double sampleRate, String rubric, ModelChoice judgeModel, double passThreshold) {}

    public QualityConfig config(Principal principal, String agentId) {
        String orgId = Access.read(principal);
        return quality.config(orgId, agentId).orElseThrow(() -> new NotFoundException("quality_config", agentId));
    }

    public QualityConfig configure(Principal principal, String agentId, ConfigInput input) {
        String orgId = Access.write(principal);
        // every agent has version 1; agent answers NOT_FOUND for another org's or a deleted agent
        if (!agents.exists(orgId, agentId, 1)) {
            throw Fields.notFound("agent_id", "agent " + agentId + " not found");
        }
        if (!agents.judgeModelAvailable(orgId, agentId, 1, input.judgeModel())) {
            throw Fields.unprocessable(
                    "judge_model_unavailable", "judge_model", "the org has no provider for this judge model");
        }
        QualityConfig config = new QualityConfig(
                orgId,
                agentId,
                input.enabled(),
                input.sampleRate(),
                input.rubric(),
                JSON.writeValueAsString(input.judgeModel()),
                input.passThreshold(),
                Objects.requireNonNullElse(principal.userId(), principal.subject()),
                OffsetDateTime.now(clock));
        quality.saveConfig(config);
        return config;
    }

    public Page<QualityCheck> checks(Principal principal, Filter filter, PageRequest page) {
        return quality.checks(Access.read(principal), filter, page);
    }

    /** One day of an agent's checks. */
    public record Day(LocalDate day, long n, double meanScore, double passRate) {}

    /** An agent's checks over the filter's window, in total and by UTC day. */
    public record AgentStats(String agentId, long n, double meanScore, double passRate, List<Day> byDay) {}

    public List<AgentStats> stats(Principal principal, Filter filter) {
        Map<String, List<DayStats>> byAgent = new LinkedHashMap<>();
        for (DayStats day : quality.stats(Access.read(principal), filter)) {
            byAgent.computeIfAbsent(day.agentId(), a -> new ArrayList<>()).add(day);
        }
        List<AgentStats> out = new ArrayList<>();
        byAgent.forEach((agentId, days) -> {
            long n = 0;
            double sum = 0;
            long passes = 0;
            List<Day> perDay = new ArrayList<>();
            for (DayStats d : days) {
                n += d.n();
                sum += d.scoreSum();
                passes += d.passes();
                perDay.add(new Day(d.day(), d.n(), d.scoreSum() / d.n(), (double) d.passes() / d.n()));
            }
            out.add(new AgentStats(agentId, n, sum / n, (double) passes / n, perDay));
        });
        return out;
    }

    /** What a run-now check did. */
    public record RunSummary(
            String runId,
            String agentId,
            OffsetDateTime from,
            OffsetDateTime to,
            int considered,
            int judged,
            int passed,
            int failed,
            int errors) {}

    /** Judges the kept turns of the window that have no check yet (oldest first, at most {@code limit}). */
    public RunSummary run(Principal principal, String agentId, OffsetDateTime from, OffsetDateTime to, int limit) {
        String orgId = Access.write(principal);
        if (from.isAfter(to)) {
            throw Fields.unprocessable("window_invalid", "from", "must not be after to");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw Fields.unprocessable("window_too_long", "to", "the window spans at most 31 days");
        }
        QualityConfig config = quality.config(orgId, agentId)
                .orElseThrow(() -> Fields.unprocessable(
                        "quality_not_configured", "agent_id", "the agent has no quality configuration"));
        List<FinishedTurn> turns = quality.uncheckedTurns(orgId, agentId, from, to, limit);
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (FinishedTurn turn : turns) {
            try {
                if (live.check(config, turn, "run").passed()) {
                    passed++;
                } else {
                    failed++;
                }
            } catch (StoaException e) {
                // the judge failed for this turn (its model away, or a verdict that is not JSON): counted, not fatal
                errors++;
                log.warn("quality check of a turn of {} failed: {}", agentId, e.code());
            }
        }
        return new RunSummary(
                Ids.generate("qrun"), agentId, from, to, turns.size(), passed + failed, passed, failed, errors);
    }

    /** Purges kept turns older than {@code retention}. */
    public int purge(Duration retention) {
        return quality.purgeTurns(OffsetDateTime.now(clock).minus(retention));
    }
}
