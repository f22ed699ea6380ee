package dev.stoa.chat.store;

import dev.stoa.providers.ToolCall;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** An assistant message's tool calls as stored: a JSON array of {@code {id, name, arguments}} (arguments as text). */
final class ToolCallsCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolCallsCodec() {}

    static String write(List<ToolCall> calls) {
        ArrayNode array = JSON.createArrayNode();
        for (ToolCall call : calls) {
            array.addObject().put("id", call.id()).put("name", call.name()).put("arguments", call.argumentsJson());
        }
        return array.toString();
    }

    static List<ToolCall> read(String json) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            calls.add(new ToolCall(
                    node.path("id").asString(),
                    node.path("name").asString(),
                    node.path("arguments").asString()));
        }
        return calls;
    }
}
