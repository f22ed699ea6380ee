package dev.stoa.eval.domain.port;

import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.scoring.Judge;
import dev.stoa.eval.domain.scoring.Observation;

/** Calls a judge model of the org and records its cost as spend, once per {@code turnKey}. */
public interface JudgeModels {
    Judge.Verdict judge(
            String orgId,
            String agentId,
            int agentVersion,
            ModelChoice model,
            String turnKey,
            String rubric,
            Observation observation);
}
