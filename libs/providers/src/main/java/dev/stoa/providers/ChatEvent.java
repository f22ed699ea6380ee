package dev.stoa.providers;

/**
 * What a chat stream yields, identically for every protocol: text deltas and completed tool calls as they come, then
 * one {@link Usage} and one {@link Finished}, last.
 */
public sealed interface ChatEvent {
    /** A piece of assistant text. */
    record TextDelta(String text) implements ChatEvent {}

    /** A tool call, assembled from its streamed pieces. */
    record ToolCallComplete(ToolCall call) implements ChatEvent {}

    /** Tokens billed for the call; zeros when an OpenAI-compatible server reports none. */
    record Usage(long inputTokens, long outputTokens) implements ChatEvent {}

    /**
     * The end of the reply. Reasons are normalized across protocols: {@code stop}, {@code length},
     * {@code tool_calls}, {@code content_filter}; anything else is passed through as the provider said it.
     */
    record Finished(String reason) implements ChatEvent {}
}
