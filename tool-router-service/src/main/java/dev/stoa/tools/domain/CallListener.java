package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.CallOutcome;

/** Receives one call's lifecycle: started, any progress, then exactly one finished. */
public interface CallListener {
    void started(String toolId, String source);

    void progress(double fraction, String message);

    void finished(CallOutcome outcome);
}
