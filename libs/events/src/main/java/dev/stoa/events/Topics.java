package dev.stoa.events;

/** Kafka topic names ({@code stoa.<name>.v1}); payloads are defined in {@code proto/stoa/events/v1}. */
public final class Topics {
    /** Something a person, key or service did. */
    public static final String AUDIT = "stoa.audit.v1";
    /** Session and credential revocations. */
    public static final String SESSIONS = "stoa.sessions.v1";
    /** Agent changes, for cache invalidation. */
    public static final String AGENTS = "stoa.agents.v1";
    /** Every tool invocation. */
    public static final String TOOL_CALLS = "stoa.toolcalls.v1";
    /** Tokens and cost of every model call. */
    public static final String USAGE = "stoa.usage.v1";
    /** Completed chat turns. */
    public static final String TURNS = "stoa.turns.v1";
    /** Conversations deleted, so the services that derived something from one forget it. */
    public static final String CONVERSATIONS = "stoa.conversations.v1";
    /** Safety findings (PII, secrets, prompt injection) in the texts of turns. */
    public static final String SAFETY = "stoa.safety.v1";
    /** Decisions awaited from a person (tool calls that require approval). */
    public static final String APPROVALS = "stoa.approvals.v1";

    private Topics() {}
}
