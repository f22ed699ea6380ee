package dev.stoa.workflow.domain.port;

import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepState;

/** Run and step transitions for monitoring and webhooks; called inside the transition's transaction. */
public interface RunEvents {
    /** The run started or its status changed. */
    void run(Run run);

    /** A step completed, failed or began waiting. */
    void step(Run run, StepState step);

    /** A human-input step waits for a person: the approval-requested event (webhooks deliver it). */
    void inputRequested(Run run, StepState step, String prompt);
}
