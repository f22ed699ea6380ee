package dev.stoa.chat.domain.model;

import java.util.Set;

/** The SSE event names of a turn (documented in docs/chat-events.md and the OpenAPI document). */
public final class EventTypes {
    public static final String CONVERSATION = "conversation";
    public static final String TURN_STARTED = "turn.started";
    public static final String TEXT_DELTA = "text.delta";
    public static final String TOOL_CALL_REQUESTED = "tool_call.requested";
    public static final String TOOL_CALL_STARTED = "tool_call.started";
    public static final String TOOL_CALL_AWAITING_APPROVAL = "tool_call.awaiting_approval";
    public static final String TOOL_CALL_FINISHED = "tool_call.finished";
    public static final String USAGE = "usage";
    public static final String TURN_COMPLETED = "turn.completed";
    public static final String TURN_FAILED = "turn.failed";
    public static final String TURN_CANCELLED = "turn.cancelled";

    static final Set<String> TERMINAL = Set.of(TURN_COMPLETED, TURN_FAILED, TURN_CANCELLED);

    private EventTypes() {}
}
