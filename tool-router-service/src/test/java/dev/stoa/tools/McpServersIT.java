package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.auth.Role;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * External MCP servers as tool sources: a real MCP server (the Java SDK's, in an embedded Tomcat) is registered, its
 * tools become the org's ({@code <server>__<tool>}), are offered and called like any tool, follow its list changes,
 * and go down when it stops. The test service allows loopback MCP URLs; nothing else private.
 */
@ToolRouterServiceTest
class McpServersIT {
    private static final String SECRET = "k-" + "s3cr3t-value-123";

    @Test
    void aRegisteredServersToolsAreOfferedCalledKeptFreshAndGoDownWithIt(TestHttp http, ManagedChannel channel)
            throws Exception {
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        try (McpTestServer mcp = new McpTestServer()) {
            // when an admin registers the server with a header credential
            TestHttp.Response created = http.post(
                    "/api/v1/mcp-servers",
                    org.token(Role.ADMIN),
                    Map.of(
                            "name",
                            "weather",
                            "url",
                            mcp.url(),
                            "credentials",
                            Map.of("type", "header", "name", "X-Api-Key", "value", SECRET)));

            // then it is connected, its tool is the org's, and the secret is never shown
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(SECRET);
            JsonNode server = created.json();
            assertThat(server.path("status").asString()).isEqualTo("connected");
            assertThat(server.path("tools").toString()).isEqualTo("[\"weather__echo\"]");
            assertThat(server.path("credentials").path("type").asString()).isEqualTo("header");
            assertThat(server.path("credentials").path("name").asString()).isEqualTo("X-Api-Key");
            assertThat(server.path("credentials").path("secret_set").asBoolean())
                    .isTrue();
            String serverId = server.path("id").asString();
            assertThat(http.get("/api/v1/mcp-servers/" + serverId, org.viewer()).body())
                    .doesNotContain(SECRET)
                    .contains("weather__echo");
            // the server saw the credential on its requests
            assertThat(mcp.apiKeys).isNotEmpty().allMatch(SECRET::equals);

            // and SelectTools offers it to an agent (no allowlist: every tool of the org), with its schema
            var offered = stub.selectTools(
                    SelectToolsRequest.newBuilder().setAgentId(agentId).build());
            assertThat(offered.getToolsList()).singleElement().satisfies(t -> {
                assertThat(t.getName()).isEqualTo("weather__echo");
                assertThat(t.getSource()).isEqualTo("mcp");
                assertThat(t.getInputSchemaJson()).contains("\"required\":[\"text\"]");
            });

            // and InvokeTool calls it through the MCP client: the server's progress, then its result
            List<ToolCallUpdate> got = SdkProtocolIT.invoke(stub, agentId, "m1", "weather__echo", "{\"text\":\"hi\"}")
                    .get(20, TimeUnit.SECONDS);
            assertThat(got)
                    .extracting(u -> u.getUpdateCase().name())
                    .containsExactly("STARTED", "PROGRESS", "FINISHED");
            assertThat(got.get(0).getStarted().getSource()).isEqualTo("mcp");
            assertThat(got.get(1).getProgress().getMessage()).isEqualTo("halfway");
            var finished = got.getLast().getFinished();
            assertThat(finished.getStatus()).as(finished.toString()).isEqualTo("succeeded");
            JsonNode result = TestHttp.JSON.readTree(finished.getResultJson());
            assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("echo: hi");

            // and a tool the server adds (notifications/tools/list_changed) is the org's at once
            mcp.addTool("sunny");
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> assertThat(http.get("/api/v1/mcp-servers/" + serverId, org.member())
                                    .json()
                                    .path("tools")
                                    .toString())
                            .contains("weather__sunny"));
            var sunny = SdkProtocolIT.invoke(stub, agentId, "m2", "weather__sunny", "{\"text\":\"x\"}")
                    .get(20, TimeUnit.SECONDS)
                    .getLast()
                    .getFinished();
            assertThat(sunny.getStatus()).as(sunny.toString()).isEqualTo("succeeded");
            assertThat(healthOf(http, org, "weather__echo").path("status").asString())
                    .isEqualTo("healthy");
        }

        // when the server stops, the resync finds it silent: its tools are down (and stay the org's)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        healthOf(http, org, "weather__echo").path("status").asString())
                .isEqualTo("down"));
        assertThat(healthOf(http, org, "weather__echo").path("reason").asString())
                .isEqualTo("its MCP server does not answer or no longer lists it");
        var down = SdkProtocolIT.invoke(stub, agentId, "m3", "weather__echo", "{\"text\":\"hi\"}")
                .get(30, TimeUnit.SECONDS)
                .getLast()
                .getFinished();
        assertThat(down.getError().getCode()).as(down.toString()).isEqualTo("tool_unavailable");
        assertThat(down.getError().getRetryable()).isTrue();
    }

    @Test
    void anOAuthClientCredentialsGrantsTokenIsSentAsBearer(TestHttp http) throws Exception {
        // given a token endpoint (RFC 6749 client credentials) that checks the client's id and secret
        List<String> grants = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer tokens =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        tokens.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            grants.add(form);
            boolean ok = form.contains("grant_type=client_credentials")
                    && form.contains("client_id=stoa")
                    && form.contains("client_secret=" + SECRET)
                    && form.contains("scope=tools");
            byte[] body = (ok
                            ? "{\"access_token\":\"at-123\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                            : "{\"error\":\"invalid_client\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tokens.start();
        Org org = Org.create();
        try (McpTestServer mcp = new McpTestServer()) {
            // when an admin registers a server with OAuth client credentials
            TestHttp.Response created = http.post(
                    "/api/v1/mcp-servers",
                    org.token(Role.ADMIN),
                    Map.of(
                            "name",
                            "oauthed",
                            "url",
                            mcp.url(),
                            "credentials",
                            Map.of(
                                    "type",
                                    "oauth_client_credentials",
                                    "token_url",
                                    "http://127.0.0.1:" + tokens.getAddress().getPort() + "/token",
                                    "client_id",
                                    "stoa",
                                    "client_secret",
                                    SECRET,
                                    "scope",
                                    "tools")));

            // then tool-router got a token once and sent it as a bearer on every request; no secret is shown
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("status").asString()).isEqualTo("connected");
            assertThat(created.body()).doesNotContain(SECRET).doesNotContain("at-123");
            assertThat(created.json().path("credentials").path("client_id").asString())
                    .isEqualTo("stoa");
            assertThat(created.json().path("credentials").path("secret_set").asBoolean())
                    .isTrue();
            assertThat(grants).hasSize(1);
            assertThat(mcp.authorizations).isNotEmpty().allMatch("Bearer at-123"::equals);
        } finally {
            tokens.stop(0);
        }
    }

    @Test
    void urlsAreHeldToTheSsrfPolicyAndBadInputNamesItsField(TestHttp http) {
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);
        for (String url : List.of("http://169.254.169.254/mcp", "http://10.1.2.3/mcp", "file:///etc/passwd")) {
            TestHttp.Response refused = http.post("/api/v1/mcp-servers", admin, Map.of("name", "evil", "url", url));
            assertThat(refused.status()).as(url + " " + refused.body()).isEqualTo(400);
            assertThat(refused.field()).as(url).isEqualTo("url");
        }
        TestHttp.Response tokenUrl = http.post(
                "/api/v1/mcp-servers",
                admin,
                Map.of(
                        "name",
                        "oauth",
                        "url",
                        "http://127.0.0.1:9/mcp",
                        "credentials",
                        Map.of(
                                "type",
                                "oauth_client_credentials",
                                "token_url",
                                "http://169.254.169.254/token",
                                "client_id",
                                "c",
                                "client_secret",
                                "s")));
        assertThat(tokenUrl.status()).as(tokenUrl.body()).isEqualTo(400);
        assertThat(tokenUrl.field()).isEqualTo("credentials.token_url");

        TestHttp.Response badName =
                http.post("/api/v1/mcp-servers", admin, Map.of("name", "Bad Name", "url", "http://127.0.0.1:9/mcp"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.field()).isEqualTo("name");
        TestHttp.Response noValue = http.post(
                "/api/v1/mcp-servers",
                admin,
                Map.of(
                        "name",
                        "novalue",
                        "url",
                        "http://127.0.0.1:9/mcp",
                        "credentials",
                        Map.of("type", "header", "name", "X-Key")));
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.field()).isEqualTo("credentials.value");
        TestHttp.Response reserved = http.post(
                "/api/v1/mcp-servers",
                admin,
                Map.of(
                        "name",
                        "reserved",
                        "url",
                        "http://127.0.0.1:9/mcp",
                        "credentials",
                        Map.of("type", "header", "name", "Mcp-Session-Id", "value", "x")));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.field()).isEqualTo("credentials.name");
    }

    @Test
    void aServerThatDoesNotAnswerIsRegisteredDownAndIsTheOrgsAlone(TestHttp http) {
        Org org = Org.create();
        // nothing listens on the discard port: registered, down
        TestHttp.Response created = http.post(
                "/api/v1/mcp-servers",
                org.token(Role.ADMIN),
                Map.of("name", "silent", "url", "http://127.0.0.1:9/mcp"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("status").asString()).isEqualTo("down");
        String path = "/api/v1/mcp-servers/" + created.id();

        // members read but do not write; another org sees nothing
        assertThat(http.post("/api/v1/mcp-servers", org.member(), Map.of("name", "m", "url", "http://127.0.0.1:9/"))
                        .status())
                .isEqualTo(403);
        Org other = Org.create();
        assertThat(http.get(path, other.token(Role.ADMIN)).status()).isEqualTo(404);
        assertThat(http.patch(path, other.token(Role.ADMIN), Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(http.delete(path, other.token(Role.ADMIN)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/mcp-servers", other.member()).json().path("data"))
                .isEmpty();

        // a second server of the same name conflicts; the owner deletes it
        assertThat(http.post(
                                "/api/v1/mcp-servers",
                                org.token(Role.ADMIN),
                                Map.of("name", "silent", "url", "http://127.0.0.1:9/mcp"))
                        .status())
                .isEqualTo(409);
        assertThat(http.delete(path, org.token(Role.OWNER)).status()).isEqualTo(204);
        assertThat(http.get(path, org.member()).status()).isEqualTo(404);
    }

    static JsonNode healthOf(TestHttp http, Org org, String name) {
        TestHttp.Response response = http.get("/api/v1/tools/health", org.viewer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode tool : response.json().path("data")) {
            if (tool.path("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no health of " + name + " in " + response.body());
    }
}
