package dev.stoa.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Merging the services' documents into the gateway's one document. */
class OpenApiMergeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM = """
            {"type":"object","properties":{"code":{"type":"string"}},"required":["code"]}""";

    private static final String IDENTITY = """
            {"openapi":"3.1.0","servers":[{"url":"http://localhost:8081"}],
             "security":[{"bearer-jwt":[]}],
             "paths":{
               "/api/v1/auth/login":{"post":{"tags":["Auth"],"operationId":"login","security":[],
                 "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Model"}}}}}}},
               "/api/v1/org":{"get":{"tags":["Organization"],"operationId":"getOrg",
                 "responses":{"200":{"description":"OK"}}}}},
             "components":{"schemas":{"Model":{"type":"object","properties":{"email":{"type":"string"}}},
                                      "Problem":%s},
                           "securitySchemes":{"bearer-jwt":{"type":"http","scheme":"bearer"}}}}
            """.formatted(PROBLEM);
    private static final String AGENT = """
            {"openapi":"3.1.0",
             "paths":{
               "/api/v1/agents":{"post":{"tags":["Agents"],"operationId":"createAgent",
                 "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Model"}}}},
                 "responses":{"201":{"description":"Created","content":{"application/json":{"schema":{
                   "type":"array","items":{"$ref":"#/components/schemas/Model"}}}}}}}},
               "/api/v1/org":{"get":{"tags":["Agents"],"operationId":"stolen"}}},
             "components":{"schemas":{"Model":{"type":"object","properties":{"provider_id":{"type":"string"}}},
                                      "Problem":%s}}}
            """.formatted(PROBLEM);

    @Test
    void keepsEachUpstreamsOwnPathsAndRenamesAClashingSchemaWithItsReferences() {
        ObjectNode doc = merged();

        assertThat(names(doc.path("paths")))
                .containsExactly(
                        "/api/v1/agents",
                        "/api/v1/auth/login",
                        "/api/v1/org",
                        "/docs",
                        "/health",
                        "/openapi.json",
                        "/redoc");
        assertThat(doc.at("/paths/~1api~1v1~1org/get/operationId").asString()).isEqualTo("getOrg");
        assertThat(doc.at("/components/schemas/Model/properties").has("email")).isTrue();
        assertThat(doc.at("/components/schemas/AgentModel/properties").has("provider_id"))
                .isTrue();
        JsonNode create = doc.at("/paths/~1api~1v1~1agents/post");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/AgentModel");
        assertThat(create.at("/responses/201/content/application~1json/schema/items/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/AgentModel");
        assertThat(doc.at("/components/schemas").has("AgentProblem"))
                .as("identical schemas are one schema")
                .isFalse();
    }

    @Test
    void replacesTheServicesSecurityWithTheGatewaysCredentials() {
        ObjectNode doc = merged();

        assertThat(names(doc.at("/components/securitySchemes"))).containsExactlyInAnyOrder("bearer", "api_key");
        assertThat(doc.at("/components/securitySchemes/api_key/name").asString())
                .isEqualTo("x-api-key");
        assertThat(doc.path("security").toString()).isEqualTo("[{\"bearer\":[]},{\"api_key\":[]}]");
        assertThat(doc.at("/paths/~1api~1v1~1org/get").has("security")).isFalse();
        assertThat(doc.at("/paths/~1api~1v1~1auth~1login/post/security").isEmpty())
                .isTrue();
        assertThat(doc.path("servers").toString()).isEqualTo("[{\"url\":\"/\"}]");
    }

    @Test
    void documentsTheErrorsTheGatewayAnswersItself() {
        ObjectNode doc = merged();
        JsonNode secured = doc.at("/paths/~1api~1v1~1org/get/responses");
        JsonNode open = doc.at("/paths/~1api~1v1~1auth~1login/post/responses");

        assertThat(names(secured)).containsExactly("200", "400", "401", "403", "414", "429", "431", "503", "504");
        assertThat(secured.at("/429/content/application~1problem+json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(names(open)).containsExactly("200", "400", "414", "429", "431", "503", "504");
        assertThat(names(doc.at("/paths/~1health/get/responses"))).containsExactly("200");
        assertThat(names(doc.at("/paths/~1openapi.json/get/responses"))).containsExactly("200", "429");
    }

    @Test
    void listsTheUsedTagsInTheReferencesOrderAndTheUnreachableUpstreams() {
        ObjectNode doc = merged();

        List<String> tags = new ArrayList<>();
        doc.path("tags").forEach(t -> tags.add(t.path("name").asString()));
        assertThat(tags).containsExactly("Health", "API docs", "Auth", "Organization", "Agents");
        assertThat(doc.path("x-stoa-unavailable").toString()).isEqualTo("[\"memory\"]");
        assertThat(doc.at("/info/title").asString()).isEqualTo("Stoa API");
    }

    private static ObjectNode merged() {
        List<OpenApiMerge.Upstream> upstreams = List.of(
                new OpenApiMerge.Upstream("identity", Optional.of(JSON.readTree(IDENTITY)), p -> !p.contains("agents")),
                new OpenApiMerge.Upstream("memory", Optional.empty(), p -> false),
                new OpenApiMerge.Upstream("agent", Optional.of(JSON.readTree(AGENT)), p -> p.contains("agents")));
        return new GatewayContract(JSON).apply(new OpenApiMerge(JSON).merge(upstreams));
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }
}
