package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.auth.Role;
import dev.stoa.test.TestHttp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The MCP gateway with the official MCP Java SDK's client: a personal access token opens an endpoint, whose tools are
 * listed and called (an MCP server's tool, through tool-router's own MCP client), and a change of what it exposes
 * reaches the client as list_changed; a missing or wrong token is refused the way MCP clients expect.
 */
@ToolRouterServiceTest
class McpGatewayIT {
    @LocalServerPort
    int port;

    @Test
    void aPatOpensAnEndpointWhoseToolsAreListedCalledAndKeptFresh(TestHttp http) throws Exception {
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);
        // one member (each token of TestOrg is another person): a member lists and revokes their own tokens
        String member = org.member();
        try (McpTestServer mcp = new McpTestServer()) {
            assertThat(http.post("/api/v1/mcp-servers", admin, Map.of("name", "wx", "url", mcp.url()))
                            .status())
                    .isEqualTo(201);
            String agentId = org.readyAgent(http);
            String endpointId = http.post(
                            "/api/v1/mcp-endpoints",
                            admin,
                            Map.of(
                                    "name",
                                    "editors",
                                    "tools",
                                    List.of("wx__echo"),
                                    "agents",
                                    List.of(agentId),
                                    "auth_modes",
                                    List.of("pat")))
                    .id();
            TestHttp.Response created = http.post(
                    "/api/v1/mcp-endpoints/tokens",
                    member,
                    Map.of("name", "laptop", "endpoint_ids", List.of(endpointId), "expires_in_days", 30));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String pat = created.json().path("token").asString();
            assertThat(pat).startsWith("stoa_pat_");
            // listed without the secret
            String listed = http.get("/api/v1/mcp-endpoints/tokens", member).body();
            assertThat(listed).contains("laptop").doesNotContain(pat);
            assertThat(http.get("/api/v1/mcp-endpoints/tokens", org.member()).body())
                    .doesNotContain("laptop");

            List<List<String>> changes = new CopyOnWriteArrayList<>();
            List<String> progress = new CopyOnWriteArrayList<>();
            try (McpSyncClient client = client(org.id(), endpointId, pat, changes, progress)) {
                client.initialize();
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .containsExactly("ask_" + agentId, "wx__echo");

                // an exposed agent is a tool that runs a chat turn through chat-service (for the token's org)
                McpSchema.CallToolResult answer =
                        client.callTool(new McpSchema.CallToolRequest("ask_" + agentId, Map.of("message", "hello")));
                assertThat(answer.isError()).as(answer.toString()).isNotEqualTo(Boolean.TRUE);
                assertThat(((McpSchema.TextContent) answer.content().getFirst()).text())
                        .contains(agentId + " says: hello");
                assertThat(FakeChat.TURNS).anySatisfy(turn -> assertThat(turn.getOrgId() + "/" + turn.getAgentId())
                        .isEqualTo(org.id() + "/" + agentId));

                McpSchema.CallToolResult result = client.callTool(
                        new McpSchema.CallToolRequest("wx__echo", Map.of("text", "hi"), Map.of("progressToken", "p1")));
                assertThat(result.isError()).as(result.toString()).isNotEqualTo(Boolean.TRUE);
                assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                        .isEqualTo("echo: hi");
                assertThat(progress).contains("halfway");

                // a tool's own schema applies: bad arguments are a tool error the model can read
                McpSchema.CallToolResult bad =
                        client.callTool(new McpSchema.CallToolRequest("wx__echo", Map.of("text", 5)));
                assertThat(bad.isError()).isTrue();
                assertThat(((McpSchema.TextContent) bad.content().getFirst()).text())
                        .startsWith("invalid_arguments");

                // when an admin exposes a built-in too, the client hears list_changed with it
                assertThat(http.patch(
                                        "/api/v1/mcp-endpoints/" + endpointId,
                                        admin,
                                        Map.of("tools", List.of("wx__echo", "http_fetch")))
                                .status())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(15))
                        .untilAsserted(() -> assertThat(changes).anyMatch(c -> c.contains("http_fetch")));
            }

            // a malformed JSON-RPC message is a JSON-RPC error, not a 500
            HttpResponse<String> malformed = raw(org.id(), endpointId, pat, "{not json");
            assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
            assertThat(malformed.body()).contains("jsonrpc").contains("error");

            // a revoked token no longer opens it
            assertThat(http.delete(
                                    "/api/v1/mcp-endpoints/tokens/"
                                            + created.json()
                                                    .path("token_info")
                                                    .path("id")
                                                    .asString(),
                                    member)
                            .status())
                    .isEqualTo(204);
            assertThat(raw(org.id(), endpointId, pat, initialize()).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void missingWrongAndForeignTokensAreRefusedWithTheMetadataPointer(TestHttp http) throws Exception {
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);
        String endpointId = http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "a", "auth_modes", List.of("pat")))
                .id();
        String otherEndpoint =
                http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "b")).id();
        String oauthOnly = http.post(
                        "/api/v1/mcp-endpoints", admin, Map.of("name", "c", "auth_modes", List.of("oauth")))
                .id();
        String forB = http.post(
                        "/api/v1/mcp-endpoints/tokens",
                        org.member(),
                        Map.of("name", "b", "endpoint_ids", List.of(otherEndpoint)))
                .json()
                .path("token")
                .asString();
        String forC = http.post(
                        "/api/v1/mcp-endpoints/tokens",
                        org.member(),
                        Map.of("name", "c", "endpoint_ids", List.of(oauthOnly)))
                .json()
                .path("token")
                .asString();

        HttpResponse<String> none = raw(org.id(), endpointId, null, initialize());
        assertThat(none.statusCode()).isEqualTo(401);
        String challenge = none.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge)
                .startsWith("Bearer resource_metadata=\"http://")
                .contains("/mcp/" + org.id() + "/" + endpointId + "/.well-known/oauth-protected-resource");
        for (HttpResponse<String> refused : List.of(
                raw(org.id(), endpointId, "stoa_pat_nope", initialize()),
                raw(org.id(), endpointId, forB, initialize()),
                raw(Org.create().id(), otherEndpoint, forB, initialize()),
                raw(org.id(), oauthOnly, forC, initialize()))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"invalid_token\"");
        }
        HttpResponse<String> metadata = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/mcp/" + org.id() + "/" + endpointId
                                        + "/.well-known/oauth-protected-resource"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"resource\"").contains(endpointId);

        // tokens: bad input names its field, another org's endpoint is unknown
        TestHttp.Response tooLong = http.post(
                "/api/v1/mcp-endpoints/tokens",
                org.member(),
                Map.of("name", "x", "endpoint_ids", List.of(endpointId), "expires_in_days", 400));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.field()).isEqualTo("expires_in_days");
        TestHttp.Response foreign = http.post(
                "/api/v1/mcp-endpoints/tokens",
                Org.create().member(),
                Map.of("name", "x", "endpoint_ids", List.of(endpointId)));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.field()).isEqualTo("endpoint_ids[0]");
    }

    private McpSyncClient client(
            String org, String endpointId, String pat, List<List<String>> changes, List<String> progress) {
        var transport = HttpClientStreamableHttpTransport.builder(base())
                .endpoint("/mcp/" + org + "/" + endpointId)
                .httpRequestCustomizer(
                        (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + pat))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .jsonSchemaValidator(McpTestServer.ACCEPTING)
                .toolsChangeConsumer(tools ->
                        changes.add(tools.stream().map(McpSchema.Tool::name).toList()))
                .progressConsumer(p -> progress.add(String.valueOf(p.message())))
                .build();
    }

    private HttpResponse<String> raw(String org, String endpointId, String pat, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/mcp/" + org + "/" + endpointId))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (pat != null) {
            request.header("Authorization", "Bearer " + pat);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
