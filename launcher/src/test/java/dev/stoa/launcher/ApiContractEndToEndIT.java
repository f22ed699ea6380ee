package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.test.OpenApiCheck;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API contract of the running platform: its /openapi.json is the committed docs/openapi.json (from which the
 * build generates a client), it follows the contract's conventions, and an error the gateway makes has exactly the
 * shape of one a service makes.
 */
class ApiContractEndToEndIT {
    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final Path SNAPSHOT = Path.of(System.getProperty("stoa.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("docs/openapi.json");

    static TestHttp http;
    static JsonNode live;

    @BeforeAll
    static void fetch() throws Exception {
        http = SharedPlatform.http();
        live = TestHttp.JSON.readTree(SharedPlatform.completeDocument(SharedPlatform.get()));
    }

    @Test
    void liveDocumentIsTheCommittedOne() throws Exception {
        if (Boolean.getBoolean("stoa.openapi.update")) {
            Files.writeString(SNAPSHOT, PRETTY.writeValueAsString(live) + "\n");
        }
        JsonNode committed = TestHttp.JSON.readTree(Files.readString(SNAPSHOT));

        assertThat(committed)
                .as("docs/openapi.json differs from the platform's /openapi.json. If the API change is intended,"
                        + " refresh it with scripts/refresh-openapi.sh, review the diff and commit it.")
                .isEqualTo(live);
    }

    @Test
    void documentFollowsTheContractsConventions() {
        Set<String> operationIds = new HashSet<>();
        List<String> problems = new ArrayList<>();
        live.path("paths").properties().forEach(path -> {
            Matcher variables = PATH_VARIABLE.matcher(path.getKey());
            while (variables.find()) {
                if (!variables.group(1).matches("[a-z][a-z0-9_]*")) {
                    problems.add(path.getKey() + ": path parameter {" + variables.group(1) + "} is not snake_case");
                }
            }
            path.getValue().properties().forEach(method -> {
                JsonNode operation = method.getValue();
                String where = method.getKey().toUpperCase() + " " + path.getKey();
                if (!operationIds.add(operation.path("operationId").asString())) {
                    problems.add(where + ": operationId missing or repeated");
                }
                if (operation.path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                operation.path("responses").properties().forEach(response -> {
                    if (response.getKey().matches("[45].*")
                            && !response.getValue()
                                    .at("/content/application~1problem+json/schema/$ref")
                                    .asString()
                                    .equals("#/components/schemas/Problem")) {
                        problems.add(where + " " + response.getKey() + ": not the shared problem");
                    }
                });
            });
        });
        live.path("components").path("schemas").properties().forEach(schema -> {
            schema.getValue().path("properties").propertyNames().forEach(name -> {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    problems.add(schema.getKey() + "." + name + ": not a snake_case wire name");
                }
            });
            if (schema.getKey().endsWith("Problem") && !schema.getKey().equals("Problem")) {
                problems.add(schema.getKey() + ": a second problem schema");
            }
        });

        assertThat(problems).isEmpty();
        assertThat(live.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(live.at("/components/schemas/Problem").isObject()).isTrue();
    }

    @Test
    void theExchangeCheckCatchesADocumentThatDriftedFromTheWire() throws Exception {
        ObjectNode drifted = (ObjectNode) live.deepCopy();
        ObjectNode org = (ObjectNode) drifted.at("/components/schemas/OrgView/properties");
        org.set("org_slug", org.remove("slug")); // as if the document still said what the code no longer writes
        TestHttp checked = new TestHttp(SharedPlatform.get().gatewayUrl(), OpenApiCheck.of(drifted.toString()));
        String owner = SharedPlatform.registerOwner(http);

        assertThatThrownBy(() -> checked.get("/api/v1/org", owner))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the response breaks the OpenAPI document")
                .hasMessageContaining("slug");
        Response refused = checked.patch("/api/v1/org", owner, Map.of("slug", 42)); // refused by both: no failure
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void gatewayErrorsHaveTheServicesShapeFieldByField() {
        String owner = SharedPlatform.registerOwner(http);
        Response gatewayMade = http.get("/api/v1/org", "not-a-token"); // refused by the gateway's authentication
        Response serviceMade = http.get("/api/v1/agents/agt_0000000000000000000000000", owner); // agent-service
        Response serviceValidation = http.post("/api/v1/auth/login", null, Map.of("email", "not-an-email"));

        assertThat(gatewayMade.status()).isEqualTo(401);
        assertThat(serviceMade.status()).isEqualTo(404);
        assertThat(shape(gatewayMade)).isEqualTo(shape(serviceMade));
        assertThat(gatewayMade.header("Content-Type")).isEqualTo(serviceMade.header("Content-Type"));
        assertThat(gatewayMade.json().path("instance").asString()).isEqualTo("/api/v1/org");
        assertThat(gatewayMade.json().path("request_id").asString()).isEqualTo(gatewayMade.header("X-Request-Id"));
        assertThat(serviceMade.json().path("request_id").asString()).isEqualTo(serviceMade.header("X-Request-Id"));
        Map<String, String> withErrors = shape(serviceValidation);
        assertThat(withErrors.remove("errors")).isEqualTo("ARRAY");
        assertThat(withErrors).isEqualTo(shape(gatewayMade));
    }

    @Test
    void unroutedPathsAnswerTheSharedProblemToo() {
        Response noRoute = http.get("/api/v1/no-such-group", null);

        assertThat(noRoute.status()).isIn(401, 404);
        assertThat(shape(noRoute)).isEqualTo(shape(http.get("/api/v1/org", null)));
    }

    /** Each property of a problem body and its JSON type. */
    private static Map<String, String> shape(Response response) {
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        Map<String, String> shape = new TreeMap<>();
        response.json()
                .properties()
                .forEach(p -> shape.put(p.getKey(), p.getValue().getNodeType().name()));
        return shape;
    }
}
