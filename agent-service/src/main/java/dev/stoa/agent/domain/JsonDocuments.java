package dev.stoa.agent.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.stoa.common.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks the JSON documents an agent carries: metadata objects and input/output JSON Schemas, the latter against
 * the draft 2020-12 meta-schema (bundled with the validator, so no network is needed).
 */
public final class JsonDocuments {
    public static final int MAX_METADATA_BYTES = 16_384;
    public static final int MAX_SCHEMA_BYTES = 65_536;
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema META =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SchemaLocation.of(META_SCHEMA));

    private JsonDocuments() {}

    /** A JSON object of at most {@code maxBytes}, returned compact. */
    public static String object(String field, String json, int maxBytes) {
        JsonNode node = parse(field, json);
        if (!node.isObject()) {
            throw new InvalidInputException(field, "must be a JSON object");
        }
        String compact = node.toString();
        if (compact.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidInputException(field, "must be at most " + maxBytes + " bytes of JSON");
        }
        return compact;
    }

    /** A JSON Schema (an object valid against the draft 2020-12 meta-schema), returned compact. */
    public static String schema(String field, String json) {
        String compact = object(field, json, MAX_SCHEMA_BYTES);
        Set<ValidationMessage> errors = META.validate(parse(field, compact));
        if (!errors.isEmpty()) {
            List<String> reasons = errors.stream()
                    .sorted(Comparator.comparing(ValidationMessage::getMessage))
                    .limit(3)
                    .map(e -> e.getMessage())
                    .toList();
            throw new InvalidInputException(
                    field, "is not a valid JSON Schema (draft 2020-12): " + String.join("; ", reasons));
        }
        return compact;
    }

    private static JsonNode parse(String field, String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException(field, "is not valid JSON");
        }
    }
}
