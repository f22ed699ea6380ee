package dev.stoa.workflow.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema (2020-12, networknt) for the published definition schema and the human-input forms; schemas never load
 * remote references. Violations name the field as {@code <root>.path[0].to.field}.
 */
public final class Schemas {
    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance())));
    private static final String DEFINITION_RESOURCE = "/workflow-definition.schema.json";
    private static final String DEFINITION_TEXT = load();
    private static final JsonSchema DEFINITION = compile(DEFINITION_TEXT).orElseThrow();

    private Schemas() {}

    /** The definition schema as published at {@code GET /api/v1/workflows/schema}. */
    public static String definitionSchema() {
        return DEFINITION_TEXT;
    }

    /** Throws 400 naming the first field (under {@code root}) where {@code value} breaks the definition schema. */
    public static void checkDefinition(JsonNode value, String root) {
        check(DEFINITION, value, root);
    }

    /** Compiles a form schema, or empty when it is not a schema this service can use. */
    public static Optional<JsonSchema> compile(String schemaJson) {
        try {
            return Optional.of(FACTORY.getSchema(JACKSON2.readTree(schemaJson)));
        } catch (JsonSchemaException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Throws 422 naming where {@code input} breaks a human-input form (the run does not change). */
    public static void checkForm(JsonSchema form, JsonNode input, String root) {
        try {
            check(form, input, root);
        } catch (InvalidInputException e) {
            throw new StoaException(
                    ErrorKind.FAILED_PRECONDITION,
                    "input_does_not_match_form",
                    String.valueOf(e.getMessage()),
                    false,
                    e.fieldErrors(),
                    null);
        }
    }

    /** Throws 400 field errors (InvalidInputException) naming where {@code value} breaks {@code schema}. */
    public static void check(JsonSchema schema, JsonNode value, String root) {
        List<ValidationMessage> messages;
        try {
            messages = schema.validate(JACKSON2.readTree(value.toString())).stream()
                    .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(root, "is not JSON");
        }
        if (!messages.isEmpty()) {
            throw new InvalidInputException(messages.stream()
                    .limit(5)
                    .map(m -> new FieldError(field(root, m), m.getMessage()))
                    .toList());
        }
    }

    private static String field(String root, ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        String path = root + (at.startsWith("$") ? at.substring(1) : at);
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            path = path + "." + message.getProperty();
        }
        return path;
    }

    private static String load() {
        try (InputStream in = Schemas.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFINITION_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
