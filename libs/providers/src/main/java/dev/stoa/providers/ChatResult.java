package dev.stoa.providers;

import java.util.List;

/** A whole (non-streamed) reply. {@code finishReason} is normalized as in {@link ChatEvent.Finished}. */
public record ChatResult(String text, List<ToolCall> toolCalls, ChatEvent.Usage usage, String finishReason) {
    public ChatResult {
        toolCalls = List.copyOf(toolCalls);
    }
}
