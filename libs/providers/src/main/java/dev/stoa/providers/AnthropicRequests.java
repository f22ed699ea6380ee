package dev.stoa.providers;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds Anthropic Messages parameters from a {@link ChatRequest}. */
final class AnthropicRequests {
    private AnthropicRequests() {}

    static MessageCreateParams build(ChatRequest request) {
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(request.model())
                .maxTokens(
                        request.maxTokens() != null ? request.maxTokens() : ChatRequest.DEFAULT_ANTHROPIC_MAX_TOKENS);
        // Anthropic has no system role inside the conversation: system messages join the system prompt.
        List<String> system = new ArrayList<>();
        if (request.system() != null) {
            system.add(request.system());
        }
        // Tool results go back as user turns; consecutive ones are merged so each answers the preceding tool_use turn.
        List<ContentBlockParam> userBlocks = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            String content = message.content() == null ? "" : message.content();
            switch (message.role()) {
                case SYSTEM -> system.add(content);
                case USER -> userBlocks.add(text(content));
                case TOOL ->
                    userBlocks.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                            .toolUseId(Objects.requireNonNull(message.toolCallId()))
                            .content(content)
                            .build()));
                case ASSISTANT -> {
                    flushUser(params, userBlocks);
                    params.addMessage(assistant(message));
                }
            }
        }
        flushUser(params, userBlocks);
        if (!system.isEmpty()) {
            params.system(String.join("\n\n", system));
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(Tool.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .inputSchema(parse(tool.parametersJsonSchema(), Tool.InputSchema.class, tool.name()))
                    .build());
        }
        if (request.temperature() != null) {
            params.temperature(request.temperature());
        }
        return params.build();
    }

    private static void flushUser(MessageCreateParams.Builder params, List<ContentBlockParam> blocks) {
        if (!blocks.isEmpty()) {
            params.addMessage(MessageParam.builder()
                    .role(MessageParam.Role.USER)
                    .contentOfBlockParams(List.copyOf(blocks))
                    .build());
            blocks.clear();
        }
    }

    private static MessageParam assistant(ChatMessage message) {
        List<ContentBlockParam> blocks = new ArrayList<>();
        if (message.content() != null && !message.content().isBlank()) {
            blocks.add(text(message.content()));
        }
        for (ToolCall call : message.toolCalls()) {
            blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                    .id(call.id())
                    .name(call.name())
                    .input(parse(call.argumentsJson(), ToolUseBlockParam.Input.class, call.name()))
                    .build()));
        }
        if (blocks.isEmpty()) {
            blocks.add(text(""));
        }
        return MessageParam.builder()
                .role(MessageParam.Role.ASSISTANT)
                .contentOfBlockParams(blocks)
                .build();
    }

    private static ContentBlockParam text(String text) {
        return ContentBlockParam.ofText(TextBlockParam.builder().text(text).build());
    }

    static <T> T parse(String json, Class<T> type, String toolName) {
        try {
            return ObjectMappers.jsonMapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw ProviderException.badRequest(0, "tool " + toolName + " has invalid JSON (schema or arguments)");
        }
    }
}
