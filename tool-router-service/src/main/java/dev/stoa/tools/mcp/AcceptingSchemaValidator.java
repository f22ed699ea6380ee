package dev.stoa.tools.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's check of a tool's structured result against its output schema, left out: tool-router hands results on as
 * they come (scanned under the agent's safety policy), as it does for SDK tools, and the SDK's own validator needs a
 * json-schema-validator major version that clashes with the one tool-router checks arguments with.
 */
final class AcceptingSchemaValidator implements JsonSchemaValidator {
    static final AcceptingSchemaValidator INSTANCE = new AcceptingSchemaValidator();

    private AcceptingSchemaValidator() {}

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return ValidationResponse.asValid(String.valueOf(structuredContent));
    }
}
