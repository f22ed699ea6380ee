package dev.stoa.tools.domain.port;

import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import dev.stoa.tools.domain.model.CallContext;

/** Publishes what a safety scan of a call found (stoa.safety.v1), one event per detection. */
public interface SafetyFindingEvents {
    /** Hands the findings over without waiting for them to be written (it runs on the dispatch path). */
    void found(String orgId, CallContext context, Surface surface, ScanResult scan);
}
