package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.CallRecord;

/** Publishes the end of every tool call (stoa.toolcalls.v1). */
public interface ToolCallEvents {
    void callEnded(CallRecord call);
}
