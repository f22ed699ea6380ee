package dev.stoa.eval.domain.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON helpers of the scorers; the schema validator speaks Jackson 2, the rest of the service Jackson 3. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** The schema validator's own Jackson (2.x). */
    static final ObjectMapper LEGACY = new ObjectMapper();

    private Json() {}

    /** {@code text} as a JSON tree, or null when it is not JSON. */
    static @Nullable JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Whether every member of {@code expected} is in {@code actual} with an equal value (objects recursively). */
    static boolean isSubset(JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            for (Map.Entry<String, JsonNode> member : expected.properties()) {
                JsonNode other = actual.get(member.getKey());
                if (other == null || !isSubset(member.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    static ScoreResult conformance(String type, JsonSchema schema, String answer) {
        com.fasterxml.jackson.databind.JsonNode document;
        try {
            document = LEGACY.readTree(answer);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return ScoreResult.pass(type, false, "the answer is not JSON");
        }
        if (document == null || document.isMissingNode()) {
            return ScoreResult.pass(type, false, "the answer is empty");
        }
        Set<ValidationMessage> errors = schema.validate(document);
        if (errors.isEmpty()) {
            return ScoreResult.pass(type, true, "the answer conforms to the schema");
        }
        return ScoreResult.pass(
                type,
                false,
                errors.stream()
                        .map(ValidationMessage::getMessage)
                        .sorted()
                        .limit(5)
                        .collect(Collectors.joining("; ")));
    }
}
