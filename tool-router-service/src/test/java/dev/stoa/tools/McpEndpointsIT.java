package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Role;
import dev.stoa.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MCP endpoints admin: what an org exposes to MCP clients, and the tools that makes. */
@ToolRouterServiceTest
class McpEndpointsIT {

    @Test
    void anEndpointExposesNamedToolsGroupsBuiltinsAndAgents(TestHttp http) throws Exception {
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);
        String agentId = org.readyAgent(http);
        try (McpTestServer mcp = new McpTestServer()) {
            assertThat(http.post("/api/v1/mcp-servers", admin, Map.of("name", "wx", "url", mcp.url()))
                            .status())
                    .isEqualTo(201);
            assertThat(http.post("/api/v1/tools/groups", admin, Map.of("name", "web", "tools", List.of("http_fetch")))
                            .status())
                    .isEqualTo(201);

            // when an admin creates an endpoint naming an MCP server's tool, a group (bringing a built-in) and an agent
            TestHttp.Response created = http.post(
                    "/api/v1/mcp-endpoints",
                    admin,
                    Map.of(
                            "name",
                            "editors",
                            "tools",
                            List.of("wx__echo", "not_registered_yet"),
                            "tool_groups",
                            List.of("web"),
                            "agents",
                            List.of(agentId),
                            "auth_modes",
                            List.of("pat")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("auth_modes").toString()).isEqualTo("[\"pat\"]");
            String path = "/api/v1/mcp-endpoints/" + created.id();

            // then its tools are those that exist now, agents as ask_<id>
            JsonNode tools = http.get(path + "/tools", org.member()).json().path("data");
            List<String> names = new ArrayList<>();
            tools.forEach(t -> names.add(t.path("name").asString()));
            assertThat(names).containsExactly("ask_" + agentId, "http_fetch", "wx__echo");
            assertThat(tools.get(0).path("kind").asString()).isEqualTo("agent");
            assertThat(tools.get(0).path("input_schema").path("required").toString())
                    .isEqualTo("[\"message\"]");
            assertThat(tools.get(1).path("source").asString()).isEqualTo("builtin");
            assertThat(tools.get(2).path("source").asString()).isEqualTo("mcp");
            assertThat(tools.get(2).path("online").asBoolean()).isTrue();

            // and an update replaces the lists it names; the listing follows
            TestHttp.Response updated = http.patch(path, admin, Map.of("tool_groups", List.of(), "agents", List.of()));
            assertThat(updated.status()).as(updated.body()).isEqualTo(200);
            assertThat(updated.json().path("tools").size()).isEqualTo(2);
            assertThat(http.get(path + "/tools", org.viewer())
                            .json()
                            .path("data")
                            .size())
                    .isEqualTo(1);
            assertThat(http.get("/api/v1/mcp-endpoints", org.viewer())
                            .json()
                            .path("data")
                            .size())
                    .isEqualTo(1);
        }
    }

    @Test
    void onlyAdminsWriteBadInputNamesItsFieldAndOtherOrgsSeeNothing(TestHttp http) {
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);
        assertThat(http.post("/api/v1/mcp-endpoints", org.member(), Map.of("name", "e"))
                        .status())
                .isEqualTo(403);

        TestHttp.Response unknownAgent =
                http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "e", "agents", List.of("agt_nope")));
        assertThat(unknownAgent.status()).isEqualTo(400);
        assertThat(unknownAgent.field()).isEqualTo("agents[0]");
        TestHttp.Response unknownGroup =
                http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "e", "tool_groups", List.of("nope")));
        assertThat(unknownGroup.status()).isEqualTo(400);
        assertThat(unknownGroup.field()).isEqualTo("tool_groups[0]");
        TestHttp.Response badMode =
                http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "e", "auth_modes", List.of("basic")));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.field()).startsWith("auth_modes");
        TestHttp.Response badName = http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "no spaces"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.field()).isEqualTo("name");

        TestHttp.Response created = http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "e"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("auth_modes").toString()).isEqualTo("[\"oauth\",\"pat\"]");
        assertThat(http.post("/api/v1/mcp-endpoints", admin, Map.of("name", "e"))
                        .status())
                .isEqualTo(409);
        String path = "/api/v1/mcp-endpoints/" + created.id();

        Org other = Org.create();
        String otherAdmin = other.token(Role.ADMIN);
        assertThat(http.get(path, otherAdmin).status()).isEqualTo(404);
        assertThat(http.get(path + "/tools", otherAdmin).status()).isEqualTo(404);
        assertThat(http.patch(path, otherAdmin, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(http.delete(path, otherAdmin).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/mcp-endpoints", other.member()).json().path("data"))
                .isEmpty();

        assertThat(http.delete(path, admin).status()).isEqualTo(204);
        assertThat(http.get(path, org.member()).status()).isEqualTo(404);
    }
}
