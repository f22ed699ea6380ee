package dev.stoa.tools.api.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads SDK frames and checks each against the protocol's JSON Schema of its type (docs/sdk-protocol, copied onto
 * the class path at build time, so the documented schemas are the enforced ones).
 */
final class ProtocolFrames {
    static final int VERSION = 1;
    static final Set<String> CLIENT_TYPES =
            Set.of("hello", "register", "result", "error", "progress", "heartbeat", "drain");

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Map<String, JsonSchema> schemas;

    ProtocolFrames() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        this.schemas = CLIENT_TYPES.stream()
                .collect(Collectors.toUnmodifiableMap(
                        t -> t, t -> factory.getSchema(SchemaLocation.of("classpath:sdk-protocol/" + t + ".json"))));
    }

    /** A frame that passed its schema. */
    record Frame(String type, JsonNode body) {}

    /** Why a frame was refused: a protocol_error code and a message naming the problem. */
    static final class Refused extends Exception {
        final String code;
        final String reason;
        final String ref;

        Refused(String code, String reason, String ref) {
            super(reason, null, false, false);
            this.code = code;
            this.reason = reason;
            this.ref = ref;
        }
    }

    Frame read(String text) throws Refused {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new Refused("invalid_json", "the frame is not JSON", "");
        }
        if (node == null || !node.isObject()) {
            throw new Refused("invalid_frame", "a frame is a JSON object", "");
        }
        JsonNode v = node.get("v");
        if (v == null || !v.isInt() || v.intValue() != VERSION) {
            throw new Refused("unsupported_version", "v must be " + VERSION, "");
        }
        String type = node.path("type").asText("");
        JsonSchema schema = schemas.get(type);
        if (schema == null) {
            throw new Refused("unknown_type", "unknown frame type '" + clip(type) + "'", "");
        }
        Set<ValidationMessage> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            String reasons = errors.stream()
                    .sorted(Comparator.comparing(ValidationMessage::getMessage))
                    .limit(3)
                    .map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; "));
            throw new Refused("invalid_frame", type + ": " + reasons, type);
        }
        return new Frame(type, node);
    }

    /** Compact JSON with object keys sorted, so equal schemas have equal text (and versions). */
    static String canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    static String write(Map<String, ?> frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> elements(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static String clip(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "…" : s;
    }
}
