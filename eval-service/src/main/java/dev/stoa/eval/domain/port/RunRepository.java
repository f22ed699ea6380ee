package dev.stoa.eval.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.CaseResult;
import dev.stoa.eval.domain.model.Run;
import dev.stoa.eval.domain.model.RunStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Runs and their per-case results. */
public interface RunRepository {
    /** Inserts the run and one pending result per (case, agent version). */
    void insert(Run run, List<Pending> pending);

    Optional<Run> find(String orgId, String id);

    Page<Run> list(String orgId, PageRequest page);

    /** Results in dataset order (then agent version), keyset-paged. */
    Page<CaseResult> results(String orgId, String runId, PageRequest page);

    /** Every executed result of a run (compare). */
    List<CaseResult> allResults(String orgId, String runId);

    /** Up to {@code limit} pending results, in dataset order. */
    List<CaseResult> pending(String orgId, String runId, int limit);

    /** Records an executed case (pending → done or error) and counts it in the run, once. */
    void record(String orgId, CaseResult result);

    /** Moves the run from one of {@code from} to {@code to}; false when it was in none of them. */
    boolean transition(String orgId, String runId, List<RunStatus> from, RunStatus to, OffsetDateTime now);

    /** Error results back to pending, the run back to queued with attempt + 1; the number reset. */
    int resetErrors(String orgId, String runId, OffsetDateTime now);

    /** Queued or running runs of any org whose lease ran out, now leased for {@code lease}. */
    List<RunRef> claim(int limit, Duration lease);

    /** Extends the lease of a run this worker executes. */
    void renew(String orgId, String runId, Duration lease);

    /** Lets the run be claimed again at once (the worker stopped before finishing it). */
    void release(String orgId, String runId);

    /** A run's owner and id. */
    record RunRef(String orgId, String runId) {}

    /** A result to create pending: a case of the dataset version on one agent version. */
    record Pending(String caseId, long position, int agentVersion) {}
}
