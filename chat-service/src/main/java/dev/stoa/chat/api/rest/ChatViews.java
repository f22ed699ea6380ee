package dev.stoa.chat.api.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.stoa.chat.domain.model.Conversation;
import dev.stoa.chat.domain.model.Message;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Chat and Conversations endpoints. */
public final class ChatViews {
    private ChatViews() {}

    /** A conversation (without its messages). */
    public record ConversationView(
            String id,
            String agentId,
            int agentVersion,
            String userId,
            String title,
            long lastEventId,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ConversationView of(Conversation c) {
            return new ConversationView(
                    c.id(),
                    c.agentId(),
                    c.agentVersion(),
                    c.userId(),
                    c.title(),
                    c.lastSeq(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    /** A conversation with its messages in order. */
    public record ConversationDetailView(ConversationView conversation, List<MessageView> messages) {}

    /** A tool call an assistant message made; {@code arguments} is the JSON the model produced. */
    public record ToolCallView(
            String id, String name, @JsonRawValue String arguments) {}

    /**
     * A message: {@code user}, {@code assistant} (text and/or tool calls) or {@code tool} (the result of
     * {@code tool_call_id}; {@code is_error} when the tool failed).
     */
    public record MessageView(
            String id,
            String turnId,
            String role,
            @Nullable String content,
            @Nullable List<ToolCallView> toolCalls,
            @Nullable String toolCallId,
            @Nullable String toolName,
            boolean isError,
            OffsetDateTime createdAt) {
        static MessageView of(Message m) {
            List<ToolCallView> calls = m.toolCalls().isEmpty()
                    ? null
                    : m.toolCalls().stream()
                            .map(c -> new ToolCallView(c.id(), c.name(), c.argumentsJson()))
                            .toList();
            return new MessageView(
                    m.id(),
                    m.turnId(),
                    m.role(),
                    m.content(),
                    calls,
                    m.toolCallId(),
                    m.toolName(),
                    m.error(),
                    m.createdAt());
        }
    }

    /** The answer to a cancel: the turn's status now ({@code cancelled}, or how it had already ended). */
    public record CancelView(String turnId, String status) {}
}
