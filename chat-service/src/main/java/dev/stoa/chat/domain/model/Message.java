package dev.stoa.chat.domain.model;

import dev.stoa.providers.ToolCall;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message of a conversation as the model sees it again: user or assistant text, an assistant's tool calls, or a
 * tool's result ({@code toolCallId}, {@code toolName}, {@code error} when the tool failed).
 */
public record Message(
        String id,
        String turnId,
        int position,
        String role,
        @Nullable String content,
        List<ToolCall> toolCalls,
        @Nullable String toolCallId,
        @Nullable String toolName,
        boolean error,
        OffsetDateTime createdAt) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public Message {
        toolCalls = List.copyOf(toolCalls);
    }
}
