package dev.stoa.fakeprovider;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic Messages: message JSON and the message_start ... message_stop SSE event sequence. */
final class AnthropicProtocol implements Protocol {
    private static final AtomicLong IDS = new AtomicLong();

    @Override
    public boolean authorized(RecordedRequest request, @Nullable String requiredKey) {
        return requiredKey == null || requiredKey.equals(request.header("x-api-key"));
    }

    @Override
    public @Nullable String precondition(RecordedRequest request) {
        return request.header("anthropic-version") == null ? "anthropic-version: header is required" : null;
    }

    @Override
    public String error(int status, String message) {
        String type =
                switch (status) {
                    case 400 -> "invalid_request_error";
                    case 401 -> "authentication_error";
                    case 403 -> "permission_error";
                    case 404 -> "not_found_error";
                    case 429 -> "rate_limit_error";
                    case 503, 529 -> "overloaded_error";
                    default -> "api_error";
                };
        ObjectNode error = JSON.createObjectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        error.put("request_id", "req_fake" + IDS.incrementAndGet());
        return error.toString();
    }

    @Override
    public String models(List<String> ids) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (String id : ids) {
            data.addObject()
                    .put("type", "model")
                    .put("id", id)
                    .put("display_name", id)
                    .put("created_at", "2025-01-01T00:00:00Z");
        }
        page.put("has_more", false);
        page.put("first_id", ids.isEmpty() ? null : ids.getFirst());
        page.put("last_id", ids.isEmpty() ? null : ids.getLast());
        return page.toString();
    }

    @Override
    public String complete(JsonNode request, Reply reply, long inputTokens) {
        ObjectNode message = message(request, reply.effectiveOutputTokens(), inputTokens);
        ArrayNode content = message.putArray("content");
        if (!reply.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text()).putNull("citations");
        }
        for (Reply.ToolCall call : reply.toolCalls()) {
            content.addObject()
                    .put("type", "tool_use")
                    .put("id", toolUseId())
                    .put("name", call.name())
                    .set("input", JSON.readTree(call.argumentsJson()));
        }
        message.put("stop_reason", stopReason(reply));
        return message.toString();
    }

    @Override
    public void stream(JsonNode request, Reply reply, long inputTokens, SseWriter sse, Pacer pacer) throws IOException {
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = message(request, 1, inputTokens);
        message.putArray("content");
        message.putNull("stop_reason");
        start.set("message", message);
        sse.event("message_start", start.toString());
        sse.event("ping", "{\"type\":\"ping\"}");
        int index = 0;
        if (!reply.text().isEmpty()) {
            ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", "");
            sse.event("content_block_start", blockStart(index, block));
            for (String token : reply.textTokens()) {
                pacer.beforeToken();
                sse.event("content_block_delta", blockDelta(index, "text_delta", "text", token));
            }
            sse.event("content_block_stop", blockStop(index++));
        }
        for (Reply.ToolCall call : reply.toolCalls()) {
            ObjectNode block = JSON.createObjectNode()
                    .put("type", "tool_use")
                    .put("id", toolUseId())
                    .put("name", call.name());
            block.putObject("input");
            sse.event("content_block_start", blockStart(index, block));
            for (String piece : call.argumentPieces()) {
                pacer.beforeToken();
                sse.event("content_block_delta", blockDelta(index, "input_json_delta", "partial_json", piece));
            }
            sse.event("content_block_stop", blockStop(index++));
        }
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        delta.putObject("usage")
                .put("output_tokens", reply.effectiveOutputTokens())
                .putNull("input_tokens")
                .putNull("cache_creation_input_tokens")
                .putNull("cache_read_input_tokens")
                .putNull("server_tool_use");
        sse.event("message_delta", delta.toString());
        sse.event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static ObjectNode message(JsonNode request, long outputTokens, long inputTokens) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", "msg_fake" + IDS.incrementAndGet())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", request.path("model").asString("fake-model"));
        message.putNull("stop_sequence");
        message.putObject("usage")
                .put("input_tokens", inputTokens)
                .put("output_tokens", outputTokens)
                .putNull("cache_creation_input_tokens")
                .putNull("cache_read_input_tokens")
                .putNull("server_tool_use")
                .putNull("service_tier");
        return message;
    }

    private static String blockStart(int index, ObjectNode block) {
        ObjectNode event =
                JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event.toString();
    }

    private static String blockDelta(int index, String type, String field, String value) {
        ObjectNode event =
                JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.putObject("delta").put("type", type).put(field, value);
        return event.toString();
    }

    private static String blockStop(int index) {
        return JSON.createObjectNode()
                .put("type", "content_block_stop")
                .put("index", index)
                .toString();
    }

    private static String stopReason(Reply reply) {
        return reply.toolCalls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static String toolUseId() {
        return "toolu_fake" + IDS.incrementAndGet();
    }
}
