package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AgentServiceTest
class SchemasIT {
    private final AgentApi api;

    SchemasIT(AgentApi api) {
        this.api = api;
    }

    static final Map<String, Object> QUESTION = Map.of(
            "type",
            "object",
            "properties",
            Map.of("question", Map.of("type", "string")),
            "required",
            java.util.List.of("question"));

    @Test
    void adminsSetAndRemoveSchemasAsNewVersions() {
        TestOrg org = TestOrg.create();
        String path = "/api/v1/agents/"
                + api.createAgent(org, Map.of("name", "typed")).path("id").asString() + "/schemas";

        Response set = api.patch(
                path, org.admin(), Map.of("input_schema", QUESTION, "output_schema", Map.of("type", "string")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("version").asInt()).isEqualTo(2);
        JsonNode read = api.get(path, org.viewer()).json();
        assertThat(read.path("input_schema").path("required").get(0).asString()).isEqualTo("question");
        assertThat(read.path("output_schema").path("type").asString()).isEqualTo("string");

        Map<String, Object> removeOutput = new HashMap<>();
        removeOutput.put("output_schema", null);
        Response removed = api.patch(path, org.admin(), removeOutput);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().has("output_schema")).isFalse();
        assertThat(removed.json().path("input_schema").path("type").asString())
                .as("absent stays")
                .isEqualTo("object");
        assertThat(removed.json().path("version").asInt()).isEqualTo(3);
    }

    @Test
    void refusesInvalidSchemasWithTheReason() {
        TestOrg org = TestOrg.create();
        String path = "/api/v1/agents/"
                + api.createAgent(org, Map.of("name", "typed")).path("id").asString() + "/schemas";

        Response typo = api.patch(path, org.admin(), Map.of("input_schema", Map.of("type", "strnig")));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.field()).isEqualTo("input_schema");
        assertThat(typo.json().path("errors").get(0).path("message").asString())
                .startsWith("is not a valid JSON Schema");
        Response wrongType = api.patch(path, org.admin(), Map.of("output_schema", Map.of("minLength", "three")));
        assertThat(wrongType.field()).isEqualTo("output_schema");
        assertThat(api.patch(path, org.admin(), Map.of("output_schema", "string"))
                        .field())
                .isEqualTo("output_schema");
        assertThat(api.patch(path, org.admin(), Map.of("inputs", Map.of())).field())
                .isEqualTo("inputs");
        assertThat(api.patch(path, org.admin(), Map.of("version", "one")).field())
                .isEqualTo("version");
        assertThat(api.get(path, org.viewer()).json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void changingSchemasIsAnAdminAction() {
        TestOrg org = TestOrg.create();
        String path = "/api/v1/agents/"
                + api.createAgent(org, Map.of("name", "typed")).path("id").asString() + "/schemas";

        Response member = api.patch(path, org.member(), Map.of("input_schema", QUESTION));
        assertThat(member.status()).isEqualTo(403);
        assertThat(api.patch(path, org.owner(), Map.of("input_schema", QUESTION))
                        .status())
                .isEqualTo(200);
    }
}
