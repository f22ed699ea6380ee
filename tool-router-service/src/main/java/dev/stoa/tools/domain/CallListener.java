package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.CallOutcome;

/** Receives one call's lifecycle: started, any progress, then exactly one finished. */
public interface CallListener {
    void started(String toolId, String source);

    /** The call waits for a person's decision on {@code approvalId} until {@code expiresAt}. */
    void awaitingApproval(String approvalId, java.time.Instant expiresAt);

    void progress(double fraction, String message);

    void finished(CallOutcome outcome);
}
