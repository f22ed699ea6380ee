package dev.stoa.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

    @Test
    void acceptsValidSchemasCompacted() {
        assertThat(JsonDocuments.schema(
                        "s", "{ \"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}} }"))
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}");
        assertThat(JsonDocuments.schema("s", "{}")).isEqualTo("{}");
    }

    @Test
    void refusesWhatTheMetaSchemaRefuses() {
        for (String bad : new String[] {
            "{\"type\": \"strnig\"}", "{\"minLength\": -1}", "{\"required\": \"a\"}", "{\"properties\": []}"
        }) {
            assertThatThrownBy(() -> JsonDocuments.schema("input_schema", bad))
                    .as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.fieldErrors().getFirst().field()).isEqualTo("input_schema");
                        assertThat(e.fieldErrors().getFirst().message()).startsWith("is not a valid JSON Schema");
                    });
        }
        assertThatThrownBy(() -> JsonDocuments.schema("s", "[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> JsonDocuments.schema("s", "{")).hasMessageContaining("not valid JSON");
    }

    @Test
    void boundsMetadata() {
        assertThat(JsonDocuments.object("metadata", "{\"a\": 1}", 16)).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> JsonDocuments.object("metadata", "{\"a\": \"0123456789\"}", 16))
                .hasMessageContaining("at most 16 bytes");
    }
}
