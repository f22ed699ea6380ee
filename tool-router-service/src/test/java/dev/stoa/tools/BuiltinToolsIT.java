package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in {@code http_fetch}: enabled per agent, offered and called like a connected tool, and held to the
 * platform's SSRF policy (the test service allows the loopback, as the embedded default does; nothing else private).
 */
@ToolRouterServiceTest
class BuiltinToolsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer site;

    @BeforeEach
    void startSite() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/page", "hello from stoa");
        serve("/card", "paid with 4111 1111 1111 1111");
        site.start();
    }

    private void serve(String path, String text) {
        site.createContext(path, exchange -> {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    @Test
    void anAgentWithHttpFetchEnabledSeesItAndFetchesALocalPage(TestHttp http, ManagedChannel channel) throws Exception {
        // given an agent: no built-ins by default
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        String path = "/api/v1/agents/" + agentId;
        assertThat(http.get(path + "/tools", org.member()).json().path("data")).isEmpty();
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));

        // when a member enables http_fetch (an unknown built-in is refused, naming the entry)
        TestHttp.Response unknown =
                http.patch(path + "/tool-config", org.member(), Map.of("builtins", List.of("http_fetch", "shell")));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.field()).isEqualTo("builtins[1]");
        TestHttp.Response enabled =
                http.patch(path + "/tool-config", org.member(), Map.of("builtins", List.of("http_fetch")));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("builtins").get(0).asString()).isEqualTo("http_fetch");

        // then the agent's tools and SelectTools offer it, as a built-in with its argument schema
        JsonNode listed =
                http.get(path + "/tools", org.member()).json().path("data").get(0);
        assertThat(listed.path("tool").path("name").asString()).isEqualTo("http_fetch");
        assertThat(listed.path("tool").path("source").asString()).isEqualTo("builtin");
        assertThat(listed.path("tool").path("online").asBoolean()).isTrue();
        assertThat(listed.path("via").asString()).isEqualTo("builtin");
        var offered = stub.selectTools(
                SelectToolsRequest.newBuilder().setAgentId(agentId).build());
        assertThat(offered.getToolsList()).singleElement().satisfies(t -> {
            assertThat(t.getSource()).isEqualTo("builtin");
            assertThat(t.getInputSchemaJson()).contains("\"required\":[\"url\"]");
        });

        // and a call fetches the page: status, content type and the first max_bytes of the text
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/page";
        List<ToolCallUpdate> got = SdkProtocolIT.invoke(
                        stub, agentId, "f1", "http_fetch", "{\"url\":\"" + url + "\",\"max_bytes\":5}")
                .get(20, TimeUnit.SECONDS);
        assertThat(got).extracting(u -> u.getUpdateCase().name()).containsExactly("STARTED", "FINISHED");
        assertThat(got.getFirst().getStarted().getSource()).isEqualTo("builtin");
        var finished = got.getLast().getFinished();
        assertThat(finished.getStatus()).as(finished.toString()).isEqualTo("succeeded");
        JsonNode result = JSON.readTree(finished.getResultJson());
        assertThat(result.path("status").asInt()).isEqualTo(200);
        assertThat(result.path("content_type").asString()).startsWith("text/plain");
        assertThat(result.path("body").asString()).isEqualTo("hello");
        assertThat(result.path("truncated").asBoolean()).isTrue();

        // its arguments are checked like any tool's
        var missing = SdkProtocolIT.invoke(stub, agentId, "f2", "http_fetch", "{\"max_bytes\":5}")
                .get(20, TimeUnit.SECONDS)
                .getLast()
                .getFinished();
        assertThat(missing.getError().getCode()).isEqualTo("invalid_arguments");
        assertThat(missing.getError().getMessage()).contains("/url");

        // the health report lists it, healthy, built in
        JsonNode health = http.get("/api/v1/tools/health", org.member()).json();
        assertThat(health.toString()).contains("builtin_http_fetch").contains("healthy");
    }

    @Test
    void httpFetchRefusesMetadataAndPrivateAddressesAsAToolErrorTheCallerSees(TestHttp http, ManagedChannel channel)
            throws Exception {
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        http.patch(
                "/api/v1/agents/" + agentId + "/tool-config", org.member(), Map.of("builtins", List.of("http_fetch")));
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/",
                "http://[::ffff:169.254.169.254]/",
                "file:///etc/passwd")) {
            // the call ends (not the RPC) with url_not_allowed, which the model sees
            List<ToolCallUpdate> got = SdkProtocolIT.invoke(
                            stub, agentId, "r1", "http_fetch", "{\"url\":\"" + url + "\"}")
                    .get(20, TimeUnit.SECONDS);
            var finished = got.getLast().getFinished();
            assertThat(finished.getStatus()).as(url).isEqualTo("failed");
            assertThat(finished.getError().getCode()).as(url).isEqualTo("url_not_allowed");
            assertThat(finished.getError().getRetryable()).isFalse();
            assertThat(finished.getError().getMessage()).as(url).startsWith("url: URL");
        }
    }

    @Test
    void aFetchedPageIsScannedLikeAnyToolResult(TestHttp http, ManagedChannel channel) throws Exception {
        // given an agent with http_fetch whose safety policy redacts
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        FakeMonitoring.policy(agentId, "redact");
        http.patch(
                "/api/v1/agents/" + agentId + "/tool-config", org.member(), Map.of("builtins", List.of("http_fetch")));
        var stub = ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));

        // when it fetches a page holding a card number
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/card";
        var finished = SdkProtocolIT.invoke(stub, agentId, "f_card", "http_fetch", "{\"url\":\"" + url + "\"}")
                .get(20, TimeUnit.SECONDS)
                .getLast()
                .getFinished();

        // then the caller gets the page with the number redacted, the rest of the result intact
        assertThat(finished.getStatus()).as(finished.toString()).isEqualTo("succeeded");
        JsonNode result = JSON.readTree(finished.getResultJson());
        assertThat(result.path("status").asInt()).isEqualTo(200);
        assertThat(result.path("body").asString()).isEqualTo("paid with [REDACTED:payment_card]");
    }
}
