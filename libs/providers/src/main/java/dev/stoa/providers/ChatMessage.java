package dev.stoa.providers;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation. Assistant messages may carry tool calls; tool messages answer one of them by id.
 */
public record ChatMessage(
        Role role,
        @Nullable String content,
        List<ToolCall> toolCalls,
        @Nullable String toolCallId) {
    /** Who wrote a message. */
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT,
        TOOL
    }

    public ChatMessage {
        toolCalls = List.copyOf(toolCalls);
        if (role == Role.TOOL && toolCallId == null) {
            throw new IllegalArgumentException("a tool message needs the id of the call it answers");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content, List.of(), null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content, List.of(), null);
    }

    /** An assistant turn that called tools (with whatever text came before the calls). */
    public static ChatMessage assistant(@Nullable String content, List<ToolCall> toolCalls) {
        return new ChatMessage(Role.ASSISTANT, content, toolCalls, null);
    }

    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, List.of(), toolCallId);
    }
}
