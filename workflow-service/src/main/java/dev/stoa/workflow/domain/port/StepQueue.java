package dev.stoa.workflow.domain.port;

import dev.stoa.workflow.domain.model.StepTask;
import java.time.Instant;

/** The durable queue of step tasks; enqueuing inside {@link Transactions#inOrg} commits with the transition. */
public interface StepQueue {
    void enqueue(StepTask task, Instant at);
}
