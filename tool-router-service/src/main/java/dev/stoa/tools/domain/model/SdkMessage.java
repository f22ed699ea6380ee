package dev.stoa.tools.domain.model;

import java.util.List;

/** What the router sends to an SDK session (the transport writes it as a protocol frame). */
public sealed interface SdkMessage {
    /** Run a tool. */
    record Call(String callId, String tool, String argumentsJson, int timeoutMs) implements SdkMessage {}

    /** The caller gave up on a call. */
    record Cancel(String callId, String reason) implements SdkMessage {}

    /** The outcome of a register frame, tool by tool. */
    record Registered(List<Registration> tools) implements SdkMessage {}

    /** One tool of a register frame. */
    record Registration(String name, boolean accepted, String toolId, String version, String error) {}
}
