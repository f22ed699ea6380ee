package dev.stoa.chat.domain.model;

/** One entry of a conversation's event log: its sequence (the SSE id), the turn, the SSE event name and JSON data. */
public record LoggedEvent(long seq, String turnId, String type, String data) {
    /** Whether this event ends its turn. */
    public boolean terminal() {
        return EventTypes.TERMINAL.contains(type);
    }
}
