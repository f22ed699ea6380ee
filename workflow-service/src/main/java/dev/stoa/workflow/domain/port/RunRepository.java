package dev.stoa.workflow.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepState;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Runs and their step states; the engine changes them inside {@link Transactions#inOrg} with the run locked. */
public interface RunRepository {
    void insert(Run run, List<StepState> steps);

    Optional<Run> find(String orgId, String runId);

    /** The run, locked until the transaction ends: one transition of a run at a time, on every replica. */
    Optional<Run> lock(String orgId, String runId);

    List<StepState> steps(String orgId, String runId);

    void save(String orgId, Run run);

    /** The child run a sub_workflow step's attempt started, if it did. */
    Optional<Run> child(String orgId, String parentRunId, String stepId, int attempt);

    /** Every child run of a run. */
    List<Run> children(String orgId, String parentRunId);

    void save(String orgId, StepState step);

    Page<Run> list(String orgId, String workflowId, @Nullable String status, PageRequest page);
}
