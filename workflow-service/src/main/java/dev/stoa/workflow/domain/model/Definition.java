package dev.stoa.workflow.domain.model;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A validated workflow DAG: its steps in definition order and the expression that makes the run's output. */
public record Definition(List<StepSpec> steps, @Nullable String output) {

    public Optional<StepSpec> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public StepSpec require(String id) {
        return step(id).orElseThrow(() -> new IllegalStateException("no step " + id + " in the definition"));
    }
}
