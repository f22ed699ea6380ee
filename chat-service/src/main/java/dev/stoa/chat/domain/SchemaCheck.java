package dev.stoa.chat.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.stoa.common.error.StoaException;
import java.util.Comparator;
import java.util.List;

/**
 * Validates JSON documents against an agent's input or output JSON Schema (draft 2020-12); errors name the place in
 * the document as a JSON pointer ({@code /items/0/name}).
 */
final class SchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private static final int MAX_ERRORS = 20;

    private SchemaCheck() {}

    /** The errors of {@code json} against {@code schemaJson} (none when the schema is blank). */
    static List<StoaException.FieldError> errors(String schemaJson, String json) {
        if (schemaJson.isBlank()) {
            return List.of();
        }
        try {
            JsonSchema schema = FACTORY.getSchema(JSON.readTree(schemaJson), CONFIG);
            return schema.validate(JSON.readTree(json)).stream()
                    .sorted(Comparator.comparing((ValidationMessage m) ->
                                    m.getInstanceLocation().toString())
                            .thenComparing(ValidationMessage::getMessage))
                    .limit(MAX_ERRORS)
                    .map(m -> new StoaException.FieldError(pointer(m), m.getMessage()))
                    .toList();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return List.of(new StoaException.FieldError("", "is not valid JSON"));
        }
    }

    private static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return location.isEmpty() ? "/" : location;
    }
}
