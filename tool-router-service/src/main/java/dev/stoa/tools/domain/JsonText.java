package dev.stoa.tools.domain;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON checks of call arguments, and the preview of them that events carry. */
final class JsonText {
    static final int PREVIEW_MAX = 256;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonText() {}

    static boolean isObject(String json) {
        try {
            return JSON.readTree(json).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * The argument names with the kind and size of each value, never a value: arguments may hold secrets or personal
     * data, and a preview must say what was sent without saying it.
     */
    static String redactedPreview(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            JsonNode value = field.getValue();
            String shape = value.isString()
                    ? "string(" + value.asString().length() + ")"
                    : value.isContainer()
                            ? value.getNodeType().name().toLowerCase() + "(" + value.size() + ")"
                            : value.getNodeType().name().toLowerCase();
            out.append(field.getKey()).append(": ").append(shape);
            if (out.length() > PREVIEW_MAX) {
                return out.substring(0, PREVIEW_MAX - 1) + "…";
            }
        }
        return out.append('}').toString();
    }
}
