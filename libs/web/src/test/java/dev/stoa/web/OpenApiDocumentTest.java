package dev.stoa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document describes the wire: names, nullness, constraints, errors and security. */
class OpenApiDocumentTest extends WebTestSupport {
    private JsonNode doc;

    @BeforeEach
    void fetch() {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        doc = json(response);
    }

    @Test
    void isOpenApi31WithSnakeCaseSchemasAsJacksonWritesThem() {
        JsonNode request = schema("ChangeWidget");

        assertThat(doc.path("openapi").asString()).startsWith("3.1");
        assertThat(names(request.path("properties")))
                .containsExactly("display_name", "role", "expires_in_days", "scopes", "settings", "anything", "slug");
        assertThat(names(schema("Widget").path("properties")))
                .containsExactly("widget_id", "note", "settings", "metadata", "tags");
        assertThat(names(schema("CreateThing").path("properties"))).contains("display_name");
    }

    @Test
    void requiresWhatIsNeitherNullableNorOmittedAndLetsNullableBeNull() {
        JsonNode request = schema("ChangeWidget");
        JsonNode response = schema("Widget");

        assertThat(values(request.path("required"))).containsExactlyInAnyOrder("display_name", "scopes");
        assertThat(values(request.at("/properties/role/type"))).containsExactlyInAnyOrder("string", "null");
        assertThat(values(response.path("required"))).containsExactlyInAnyOrder("widget_id", "settings", "metadata");
        assertThat(values(schema("PageResponseThing").path("required")))
                .containsExactlyInAnyOrder("data", "next_cursor");
        assertThat(values(schema("PageResponseThing").at("/properties/next_cursor/type")))
                .containsExactlyInAnyOrder("string", "null");
    }

    @Test
    void showsEnumsFromEnumsListsAndIntegers() {
        JsonNode request = schema("ChangeWidget");

        assertThat(values(request.at("/properties/role/enum")))
                .containsExactly("owner", "admin", "member", "viewer", "null");
        assertThat(request.at("/properties/expires_in_days/enum").toString()).isEqualTo("[30,60,null]");
        assertThat(values(request.at("/properties/scopes/items/enum"))).containsExactly("a:read", "a:write");
        assertThat(values(parameter("getWidget", "role").at("/schema/enum")))
                .containsExactly("owner", "admin", "member", "viewer");
    }

    @Test
    void documentsFreeFormJsonAsAnyValueOrAnOpenObject() {
        JsonNode request = schema("ChangeWidget");
        JsonNode response = schema("Widget");

        assertThat(request.at("/properties/anything").toString()).isEqualTo("{}");
        assertThat(values(request.at("/properties/settings/type"))).containsExactlyInAnyOrder("object", "null");
        assertThat(request.at("/properties/settings/additionalProperties").asBoolean())
                .isTrue();
        assertThat(response.at("/properties/settings").toString()).isEqualTo("{}");
        assertThat(response.at("/properties/metadata/type").asString()).isEqualTo("object");
        assertThat(doc.at("/components/schemas/JsonNode").isMissingNode()).isTrue();
    }

    @Test
    void blankStringsAndPatternsAreRefusedByTheSchemaAsByTheValidator() {
        JsonNode name = schema("ChangeWidget").at("/properties/display_name");

        assertThat(name.path("minLength").asInt()).isEqualTo(1);
        assertThat(name.path("maxLength").asInt()).isEqualTo(20);
        assertThat(name.path("pattern").asString()).isEqualTo("\\S");
        assertThat(schema("ChangeWidget").at("/properties/slug/pattern").asString())
                .as("a Bean Validation pattern matches the whole value")
                .isEqualTo("^(?:[a-z]{2,5})$");
    }

    @Test
    void everyErrorIsTheSharedProblemAsProblemJson() {
        JsonNode responses = operation("changeWidget").path("responses");

        assertThat(names(responses))
                .containsExactly("200", "400", "401", "403", "404", "409", "413", "415", "500", "503");
        assertThat(responses.at("/409/description").asString()).startsWith("version_conflict");
        for (String status : List.of("400", "401", "404", "409", "500")) {
            assertThat(responses
                            .path(status)
                            .path("content")
                            .path("application/problem+json")
                            .at("/schema/$ref")
                            .asString())
                    .as(status)
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(names(responses.at("/200/content"))).containsExactly("application/json");
        assertThat(values(schema("Problem").path("required")))
                .containsExactlyInAnyOrder(
                        "type", "title", "status", "detail", "instance", "code", "retryable", "request_id");
        assertThat(names(schema("Problem").path("properties"))).contains("errors", "request_id");
    }

    @Test
    void publicPathsNeedNoTokenAndCannotBeRefusedForIt() {
        JsonNode ping = operation("ping");

        assertThat(ping.path("security").isArray()).isTrue();
        assertThat(ping.path("security")).isEmpty();
        assertThat(ping.path("responses").has("401")).isFalse();
        assertThat(operation("me").has("security")).isFalse(); // the document's default: bearer-jwt
        assertThat(operation("me").path("responses").has("401")).isTrue();
    }

    @Test
    void listsDocumentThePageBoundsAndNoPrincipalParameter() {
        JsonNode limit = parameter("list", "limit");

        assertThat(limit.at("/schema/minimum").asInt()).isEqualTo(1);
        assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(100);
        assertThat(operation("me").has("parameters")).isFalse();
        assertThat(doc.at("/components/schemas/Principal").isMissingNode()).isTrue();
    }

    @Test
    void enumConstraintsAreValidatedWithTheSameField() {
        HttpResponse<String> response = send(
                request("/widgets/w1", USER_TOKEN)
                        .header("Content-Type", "application/json")
                        .method(
                                "PATCH",
                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"display_name\":\"a\",\"scopes\":[\"a:read\",\"a:delete\"],\"expires_in_days\":45}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("scopes[1]", "expires_in_days");
        assertThat(json(response).path("errors").toString()).contains("must be one of 30, 60");
    }

    private JsonNode schema(String name) {
        JsonNode schema = doc.at("/components/schemas/" + name);
        assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
        return schema;
    }

    private JsonNode operation(String id) {
        for (JsonNode item : doc.path("paths")) {
            for (JsonNode operation : item) {
                if (id.equals(operation.path("operationId").asString())) {
                    return operation;
                }
            }
        }
        throw new AssertionError("no operation " + id);
    }

    private JsonNode parameter(String operationId, String name) {
        for (JsonNode parameter : operation(operationId).path("parameters")) {
            if (name.equals(parameter.path("name").asString())) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operationId);
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isNull() ? "null" : v.asString()));
        return out;
    }
}
