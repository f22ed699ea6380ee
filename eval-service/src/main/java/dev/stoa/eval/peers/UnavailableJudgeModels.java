package dev.stoa.eval.peers;

import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.port.JudgeModels;
import dev.stoa.eval.domain.scoring.Judge;
import dev.stoa.eval.domain.scoring.Observation;
import org.springframework.stereotype.Component;

/**
 * Placeholder until the judge calls models through libs/providers: every judgement fails (the case is an error, which
 * re-run-failed retries), so a run never reports a judge score it did not get.
 */
@Component
public final class UnavailableJudgeModels implements JudgeModels {
    @Override
    public Judge.Verdict judge(
            String orgId,
            String agentId,
            int agentVersion,
            ModelChoice model,
            String turnKey,
            String rubric,
            Observation observation) {
        throw new FailedPreconditionException("judge_unavailable", "the LLM judge is not available yet");
    }
}
