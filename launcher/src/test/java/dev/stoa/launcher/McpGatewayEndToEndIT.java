package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP gateway through Stoa's gateway: {@code /mcp/**} passes without a platform credential (tool-router checks
 * its own tokens), so an MCP client with a personal access token initializes a session and lists the endpoint's
 * tools, while no token, or a token of another org, gets the 401 that points MCP clients at the resource metadata.
 */
class McpGatewayEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static TestHttp http;
    static String gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = SharedPlatform.get().gatewayUrl();
        http = SharedPlatform.http();
    }

    @Test
    void aPersonalAccessTokenOpensAnMcpSessionThroughTheGateway() throws Exception {
        // given an org's MCP endpoint and a personal access token for it
        String owner = SharedPlatform.registerOwner(http);
        String org =
                http.get("/api/v1/auth/me", owner).json().path("org").path("id").asString();
        TestHttp.Response endpoint =
                http.post("/api/v1/mcp-endpoints", owner, Map.of("name", "editor", "auth_modes", List.of("pat")));
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String endpointId = endpoint.json().path("id").asString();
        TestHttp.Response created = http.post(
                "/api/v1/mcp-endpoints/tokens", owner, Map.of("name", "laptop", "endpoint_ids", List.of(endpointId)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String pat = created.json().path("token").asString();
        assertThat(pat).startsWith("stoa_pat_");

        // when an MCP client initializes with it, through the gateway
        HttpResponse<String> initialized = mcp(org, endpointId, pat, null, initialize());

        // then the session opens and the endpoint's tools can be listed
        assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
        assertThat(initialized.body()).contains("\"serverInfo\"");
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(mcp(org, endpointId, pat, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .statusCode())
                .isIn(200, 202);
        HttpResponse<String> tools = mcp(
                org,
                endpointId,
                pat,
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
        assertThat(tools.statusCode()).as(tools.body()).isEqualTo(200);
        assertThat(result(tools.body()).path("result").path("tools").isArray()).isTrue();

        // and without a token, or with one of another org, it is the 401 MCP clients expect
        HttpResponse<String> anonymous = mcp(org, endpointId, null, null, initialize());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("resource_metadata=")
                .contains("/.well-known/oauth-protected-resource");
        String stranger = SharedPlatform.registerOwner(http);
        String strangerEndpoint = http.post("/api/v1/mcp-endpoints", stranger, Map.of("name", "theirs"))
                .json()
                .path("id")
                .asString();
        String strangerPat = http.post(
                        "/api/v1/mcp-endpoints/tokens",
                        stranger,
                        Map.of("name", "theirs", "endpoint_ids", List.of(strangerEndpoint)))
                .json()
                .path("token")
                .asString();
        assertThat(mcp(org, endpointId, strangerPat, null, initialize()).statusCode())
                .isEqualTo(401);
        assertThat(http.get("/api/v1/mcp-endpoints/" + endpointId, stranger).status())
                .isEqualTo(404);
    }

    private static HttpResponse<String> mcp(
            String org, String endpointId, @Nullable String pat, @Nullable String session, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/mcp/" + org + "/" + endpointId))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (pat != null) {
            request.header("Authorization", "Bearer " + pat);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON-RPC answer, sent as JSON or as one server-sent event. */
    private static JsonNode result(String body) {
        String json = body.strip();
        if (!json.startsWith("{")) {
            json = json.lines()
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> line.substring("data:".length()).strip())
                    .findFirst()
                    .orElseThrow();
        }
        return JSON.readTree(json);
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}";
    }
}
