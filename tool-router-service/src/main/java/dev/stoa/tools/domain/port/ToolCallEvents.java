package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.CallRecord;

/** Publishes the end of every tool call (stoa.toolcalls.v1). */
public interface ToolCallEvents {
    /** Hands the event over without waiting for it to be written (it runs on the thread that delivers results). */
    void callEnded(CallRecord call);
}
