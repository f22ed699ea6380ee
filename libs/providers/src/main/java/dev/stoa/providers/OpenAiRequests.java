package dev.stoa.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.core.ObjectMappers;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;

/** Builds OpenAI Chat Completions parameters from a {@link ChatRequest}. */
final class OpenAiRequests {
    private OpenAiRequests() {}

    @SuppressWarnings("deprecation") // max_tokens: what OpenAI-compatible servers understand
    static ChatCompletionCreateParams build(ChatRequest request, ProviderKind kind, boolean stream) {
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder().model(request.model());
        if (request.system() != null) {
            params.addSystemMessage(request.system());
        }
        for (ChatMessage message : request.messages()) {
            String content = message.content() == null ? "" : message.content();
            switch (message.role()) {
                case SYSTEM -> params.addSystemMessage(content);
                case USER -> params.addUserMessage(content);
                case ASSISTANT -> params.addMessage(assistant(message));
                case TOOL ->
                    params.addMessage(ChatCompletionToolMessageParam.builder()
                            .toolCallId(java.util.Objects.requireNonNull(message.toolCallId()))
                            .content(content)
                            .build());
            }
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(ChatCompletionFunctionTool.builder()
                    .function(FunctionDefinition.builder()
                            .name(tool.name())
                            .description(tool.description())
                            .parameters(parse(tool.parametersJsonSchema(), FunctionParameters.class, tool.name()))
                            .build())
                    .build());
        }
        if (request.maxTokens() != null) {
            // OpenAI's newer models reject max_tokens; most compatible servers only know it.
            if (kind == ProviderKind.OPENAI) {
                params.maxCompletionTokens(request.maxTokens().longValue());
            } else {
                params.maxTokens(request.maxTokens().longValue());
            }
        }
        if (request.temperature() != null) {
            params.temperature(request.temperature());
        }
        if (stream) {
            params.streamOptions(
                    ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return params.build();
    }

    private static ChatCompletionAssistantMessageParam assistant(ChatMessage message) {
        ChatCompletionAssistantMessageParam.Builder assistant = ChatCompletionAssistantMessageParam.builder();
        if (message.content() != null) {
            assistant.content(message.content());
        }
        for (ToolCall call : message.toolCalls()) {
            assistant.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name())
                            .arguments(call.argumentsJson())
                            .build())
                    .build());
        }
        return assistant.build();
    }

    /** Reads a tool's JSON Schema into an SDK type; a broken schema is the agent's configuration error. */
    static <T> T parse(String json, Class<T> type, String toolName) {
        try {
            return ObjectMappers.jsonMapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw ProviderException.badRequest(0, "tool " + toolName + " has an invalid JSON schema");
        }
    }
}
