package dev.stoa.eval.api.rest;

import dev.stoa.eval.domain.QualityService.AgentStats;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.model.QualityCheck;
import dev.stoa.eval.domain.model.QualityConfig;
import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the quality endpoints. */
public final class QualityViews {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QualityViews() {}

    /** An agent's quality configuration. */
    public record ConfigView(
            String agentId,
            boolean enabled,
            double sampleRate,
            String rubric,
            ModelChoice judgeModel,
            double passThreshold,
            String updatedBy,
            OffsetDateTime updatedAt) {
        static ConfigView of(QualityConfig c) {
            return new ConfigView(
                    c.agentId(),
                    c.enabled(),
                    c.sampleRate(),
                    c.rubric(),
                    JSON.readValue(c.judgeModel(), ModelChoice.class),
                    c.passThreshold(),
                    c.updatedBy(),
                    c.updatedAt());
        }
    }

    /** One judged turn; {@code source} is {@code live} (sampled) or {@code run} (a run-now check). */
    public record CheckView(
            String id,
            String agentId,
            int agentVersion,
            String turnId,
            String conversationId,
            double score,
            boolean passed,
            String reasoning,
            String source,
            OffsetDateTime judgedAt) {
        static CheckView of(QualityCheck c) {
            return new CheckView(
                    c.id(),
                    c.agentId(),
                    c.agentVersion(),
                    c.turnId(),
                    c.conversationId(),
                    c.score(),
                    c.passed(),
                    c.reasoning(),
                    c.source(),
                    c.judgedAt());
        }
    }

    /** The checks' statistics per agent. */
    public record QualityStatsView(List<AgentStats> agents) {}
}
