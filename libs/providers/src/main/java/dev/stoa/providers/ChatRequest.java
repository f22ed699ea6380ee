package dev.stoa.providers;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One model call: model id, optional system prompt, the conversation, the tools offered and sampling limits. */
public record ChatRequest(
        String model,
        @Nullable String system,
        List<ChatMessage> messages,
        List<ToolSpec> tools,
        @Nullable Integer maxTokens,
        @Nullable Double temperature) {
    /** Anthropic requires max_tokens; this is what is sent when the request leaves it open. */
    public static final int DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** A request with only a user message. */
    public static ChatRequest of(String model, String userMessage) {
        return new ChatRequest(model, null, List.of(ChatMessage.user(userMessage)), List.of(), null, null);
    }
}
