package dev.stoa.fakeprovider;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI Chat Completions: {@code chat.completion} objects and {@code chat.completion.chunk} SSE ending in [DONE]. */
final class OpenAiProtocol implements Protocol {
    private static final AtomicLong IDS = new AtomicLong();

    @Override
    public boolean authorized(RecordedRequest request, @Nullable String requiredKey) {
        return requiredKey == null || requiredKey.equals(Protocol.bearer(request.header("authorization")));
    }

    @Override
    public @Nullable String precondition(RecordedRequest request) {
        return null;
    }

    @Override
    public String error(int status, String message) {
        String type =
                switch (status) {
                    case 401, 403 -> "invalid_request_error";
                    case 429 -> "requests";
                    case 400, 404 -> "invalid_request_error";
                    default -> "server_error";
                };
        String code =
                switch (status) {
                    case 401 -> "invalid_api_key";
                    case 429 -> "rate_limit_exceeded";
                    default -> null;
                };
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .put("code", code);
        return error.toString();
    }

    @Override
    public String models(List<String> ids) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : ids) {
            data.addObject()
                    .put("id", id)
                    .put("object", "model")
                    .put("created", 1700000000L)
                    .put("owned_by", "fake");
        }
        return list.toString();
    }

    @Override
    public String complete(JsonNode request, Reply reply, long inputTokens) {
        ObjectNode completion = envelope(request, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", reply.text().isEmpty() && !reply.toolCalls().isEmpty() ? null : reply.text());
        message.putNull("refusal");
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (Reply.ToolCall call : reply.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", callId()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        choice.putNull("logprobs").put("finish_reason", finishReason(reply));
        completion.set("usage", usage(inputTokens, reply.effectiveOutputTokens()));
        return completion.toString();
    }

    @Override
    public void stream(JsonNode request, Reply reply, long inputTokens, SseWriter sse, Pacer pacer) throws IOException {
        boolean includeUsage =
                request.path("stream_options").path("include_usage").asBoolean(false);
        String id = "chatcmpl-" + IDS.incrementAndGet();
        ObjectNode first = JSON.createObjectNode().put("role", "assistant").put("content", "");
        sse.event(null, chunk(request, id, first, null, includeUsage));
        for (String token : reply.textTokens()) {
            pacer.beforeToken();
            sse.event(null, chunk(request, id, JSON.createObjectNode().put("content", token), null, includeUsage));
        }
        int index = 0;
        for (Reply.ToolCall call : reply.toolCalls()) {
            ObjectNode start = JSON.createObjectNode();
            ObjectNode c = start.putArray("tool_calls").addObject().put("index", index);
            c.put("id", callId()).put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", "");
            sse.event(null, chunk(request, id, start, null, includeUsage));
            for (String piece : call.argumentPieces()) {
                pacer.beforeToken();
                ObjectNode delta = JSON.createObjectNode();
                ObjectNode p = delta.putArray("tool_calls").addObject().put("index", index);
                p.putObject("function").put("arguments", piece);
                sse.event(null, chunk(request, id, delta, null, includeUsage));
            }
            index++;
        }
        sse.event(null, chunk(request, id, JSON.createObjectNode(), finishReason(reply), includeUsage));
        if (includeUsage) {
            ObjectNode last = envelope(request, "chat.completion.chunk").put("id", id);
            last.putArray("choices");
            last.set("usage", usage(inputTokens, reply.effectiveOutputTokens()));
            sse.event(null, last.toString());
        }
        sse.event(null, "[DONE]");
    }

    private static String chunk(
            JsonNode request, String id, ObjectNode delta, @Nullable String finishReason, boolean includeUsage) {
        ObjectNode chunk = envelope(request, "chat.completion.chunk").put("id", id);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs").put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private static ObjectNode envelope(JsonNode request, String object) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-" + IDS.incrementAndGet())
                .put("object", object)
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", request.path("model").asString("fake-model"))
                .putNull("system_fingerprint");
    }

    private static ObjectNode usage(long input, long output) {
        return JSON.createObjectNode()
                .put("prompt_tokens", input)
                .put("completion_tokens", output)
                .put("total_tokens", input + output);
    }

    private static String finishReason(Reply reply) {
        return reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    private static String callId() {
        return "call_" + IDS.incrementAndGet();
    }
}
