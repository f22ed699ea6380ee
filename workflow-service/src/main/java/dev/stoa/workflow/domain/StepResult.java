package dev.stoa.workflow.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What performing a step gave: an output (and the branch it takes), an error, or a wait until an instant. */
record StepResult(
        @Nullable JsonNode output,
        @Nullable String branch,
        @Nullable String error,
        boolean retryable,
        @Nullable Instant waitUntil) {

    static StepResult ok(JsonNode output, @Nullable String branch) {
        return new StepResult(output, branch, null, false, null);
    }

    static StepResult failed(String error, boolean retryable) {
        return new StepResult(null, null, error, retryable, null);
    }

    static StepResult waitUntil(Instant until) {
        return new StepResult(null, null, null, false, until);
    }
}
