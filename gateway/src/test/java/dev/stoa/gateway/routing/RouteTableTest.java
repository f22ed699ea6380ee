package dev.stoa.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.gateway.routing.RouteTable.ScopeRequirement;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

/** The shipped {@code gateway.yml}: route order (ARCHITECTURE §1) and the identity routes' API-key scopes. */
class RouteTableTest {
    private static RouteTable shipped;
    private static RouteTable allEnabled;

    @BeforeAll
    static void load() throws IOException {
        shipped = new RouteTable(bind(Map.of()).routes());
        Map<String, Object> enable = new HashMap<>();
        for (String id : new String[] {"chat", "memory", "tool-router", "agent", "workflow", "eval", "monitoring"}) {
            enable.put("stoa.gateway.routes." + id + ".enabled", "true");
        }
        allEnabled = new RouteTable(bind(enable).routes());
    }

    @Test
    void routesTheServicesThatExistAndNoOthers() {
        assertThat(shipped.entries())
                .extracting(RouteTable.Entry::id)
                .containsExactlyInAnyOrder("identity", "chat", "tool-router", "monitoring", "memory", "eval", "agent");
        assertThat(shipped.resolve("/api/v1/agents/a/tools"))
                .map(RouteTable.Entry::id)
                .contains("tool-router");
        assertThat(shipped.resolve("/ws/sdk")).map(RouteTable.Entry::id).contains("tool-router");
        assertThat(shipped.resolve("/api/v1/auth/login"))
                .map(RouteTable.Entry::id)
                .contains("identity");
        assertThat(shipped.resolve("/.well-known/jwks.json"))
                .map(RouteTable.Entry::id)
                .contains("identity");
        assertThat(shipped.resolve("/api/v1/agents/a/chat"))
                .map(RouteTable.Entry::id)
                .contains("chat");
        assertThat(shipped.resolve("/api/v1/conversations/c1/events"))
                .map(RouteTable.Entry::id)
                .contains("chat");
        assertThat(shipped.resolve("/api/v1/workflows")).isEmpty();
    }

    @Test
    void sendsAgentScopedSubResourcesToTheirServicesBeforeTheAgentCatchAll() {
        assertThat(owner("/api/v1/agents/a/chat")).isEqualTo("chat");
        assertThat(owner("/api/v1/agents/a/invoke")).isEqualTo("chat");
        assertThat(owner("/api/v1/agents/a/conversations")).isEqualTo("chat");
        assertThat(owner("/api/v1/agents/a/conversations/c1/messages")).isEqualTo("chat");
        assertThat(owner("/api/v1/agents/a/memory/stats")).isEqualTo("memory");
        assertThat(owner("/api/v1/agents/a/memory/usr_1/facts")).isEqualTo("memory");
        assertThat(owner("/api/v1/agents/a/memory-config")).isEqualTo("memory");
        assertThat(owner("/api/v1/agents/a/tools")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/agents/a/tools/preview")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/agents/a/tool-config")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/agents/{agent_id}/chat")).isEqualTo("chat");
        assertThat(owner("/api/v1/agents/a")).isEqualTo("agent");
        assertThat(owner("/api/v1/agents")).isEqualTo("agent");
        assertThat(owner("/api/v1/agents/a/versions/3")).isEqualTo("agent");
        assertThat(owner("/api/v1/agents/a/schemas")).isEqualTo("agent");
        assertThat(owner("/api/v1/agents/a/prompt/preview")).isEqualTo("agent");
        assertThat(owner("/api/v1/agents/a/rate-limits")).isEqualTo("agent");
    }

    @Test
    void sendsTheContractsTopLevelGroupsToTheirServices() {
        assertThat(owner("/api/v1/conversations/c1")).isEqualTo("chat");
        assertThat(owner("/api/v1/tools/groups")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/tools/groups/g1")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/tools/health")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/tools/t1/health/history")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/mcp-endpoints")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/mcp-servers")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/mcp-servers/srv_1")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/mcp-endpoints/e1/tools")).isEqualTo("tool-router");
        assertThat(owner("/mcp/acme/e1")).isEqualTo("tool-router");
        assertThat(owner("/mcp/acme/e1/.well-known/oauth-authorization-server")).isEqualTo("tool-router");
        assertThat(owner("/mcp/acme/e1/oauth/token")).isEqualTo("tool-router");
        assertThat(owner("/ws/sdk")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/tools")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/tool-approvals")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/tool-approvals/apr_1/approve")).isEqualTo("tool-router");
        assertThat(owner("/api/v1/workflows/w1/execute")).isEqualTo("workflow");
        assertThat(owner("/api/v1/task-templates")).isEqualTo("workflow");
        assertThat(owner("/api/v1/task-templates/t1")).isEqualTo("workflow");
        assertThat(owner("/api/v1/long-running-tasks/runs/r1/cancel")).isEqualTo("workflow");
        assertThat(owner("/api/v1/task-runs/r1")).isEqualTo("workflow");
        assertThat(owner("/api/v1/evals/ab-tests/t1/promote")).isEqualTo("eval");
        assertThat(owner("/api/v1/quality/checks/run")).isEqualTo("eval");
        assertThat(owner("/api/v1/monitoring/tool-calls/stats")).isEqualTo("monitoring");
        assertThat(owner("/api/v1/monitoring/safety")).isEqualTo("monitoring");
        assertThat(owner("/api/v1/monitoring/safety/config")).isEqualTo("monitoring");
        assertThat(owner("/api/v1/monitoring/costs")).isEqualTo("monitoring");
        assertThat(owner("/api/v1/audit-logs")).isEqualTo("monitoring");
        assertThat(owner("/api/v1/webhooks")).isEqualTo("monitoring");
        assertThat(owner("/api/v1/webhooks/whk_1/deliveries")).isEqualTo("monitoring");
    }

    @Test
    void ownsNoPathOutsideTheContract() {
        for (String stale :
                new String[] {"/api/v1/tool-groups", "/api/v1/mcp/e1", "/api/v1/tasks/t1", "/api/v1/safety"}) {
            assertThat(owner(stale)).as(stale).isEqualTo("none");
        }
    }

    @Test
    void ordersSubResourceRoutesBeforeTheAgentCatchAll() {
        int agent = allEnabled.byId("agent").orElseThrow().properties().order();
        for (String id : new String[] {"chat", "memory", "tool-router"}) {
            assertThat(allEnabled.byId(id).orElseThrow().properties().order())
                    .as(id)
                    .isLessThan(agent);
        }
        assertThat(allEnabled.entries())
                .extracting(RouteTable.Entry::id)
                .containsExactly(
                        "identity", "chat", "eval", "memory", "monitoring", "tool-router", "workflow", "agent");
    }

    @Test
    void requiresTheToolScopesOfEachMethodAndPath() {
        RouteTable.Entry tools = shipped.byId("tool-router").orElseThrow();
        assertThat(tools.requirement(HttpMethod.GET, "/api/v1/agents/a/tools")).isEqualTo(scope("tools:read"));
        assertThat(tools.requirement(HttpMethod.GET, "/api/v1/agents/a/tool-config"))
                .isEqualTo(scope("tools:read"));
        assertThat(tools.requirement(HttpMethod.PATCH, "/api/v1/agents/a/tool-config"))
                .isEqualTo(scope("tools:write"));
        assertThat(tools.requirement(HttpMethod.POST, "/api/v1/agents/a/tools/preview"))
                .isEqualTo(scope("tools:read"));
        assertThat(tools.requirement(HttpMethod.GET, "/api/v1/tools/health")).isEqualTo(scope("tools:read"));
        assertThat(tools.requirement(HttpMethod.POST, "/api/v1/tools/groups")).isEqualTo(scope("tools:write"));
        assertThat(tools.requirement(HttpMethod.POST, "/api/v1/tool-approvals/a1/approve"))
                .isEqualTo(scope("tools:write"));
        assertThat(tools.requirement(HttpMethod.GET, "/mcp/acme/e1")).isEqualTo(new ScopeRequirement.NotAllowed());
    }

    @Test
    void requiresTheIdentityScopesOfEachMethodAndPath() {
        RouteTable.Entry identity = shipped.byId("identity").orElseThrow();

        assertThat(identity.requirement(HttpMethod.GET, "/api/v1/org")).isEqualTo(scope("org:read"));
        assertThat(identity.requirement(HttpMethod.PATCH, "/api/v1/org")).isEqualTo(scope("org:write"));
        assertThat(identity.requirement(HttpMethod.GET, "/api/v1/org/members")).isEqualTo(scope("members:read"));
        assertThat(identity.requirement(HttpMethod.DELETE, "/api/v1/org/members/u1"))
                .isEqualTo(scope("members:write"));
        assertThat(identity.requirement(HttpMethod.GET, "/api/v1/org/api-keys")).isEqualTo(scope("credentials:read"));
        assertThat(identity.requirement(HttpMethod.POST, "/api/v1/org/sdk-connections"))
                .isEqualTo(scope("credentials:write"));
        assertThat(identity.requirement(HttpMethod.GET, "/api/v1/auth/me")).isEqualTo(new ScopeRequirement.NoScope());
        assertThat(identity.requirement(HttpMethod.POST, "/api/v1/auth/logout"))
                .isEqualTo(new ScopeRequirement.NoScope());
        assertThat(identity.requirement(HttpMethod.DELETE, "/api/v1/org")).isEqualTo(new ScopeRequirement.NotAllowed());
        assertThat(identity.requirement(HttpMethod.GET, "/api/v1/org/invites")).isEqualTo(scope("members:read"));
        assertThat(identity.requirement(HttpMethod.DELETE, "/api/v1/org/invites/mem_1"))
                .isEqualTo(scope("members:write"));
        // an API key never changes a password, mails, or answers invites: those need the user's own session
        for (String path : List.of(
                "/api/v1/auth/change-password",
                "/api/v1/auth/resend-verification",
                "/api/v1/auth/invites/mem_1/accept",
                "/api/v1/auth/invites/mem_1/decline")) {
            assertThat(identity.requirement(HttpMethod.POST, path)).isEqualTo(new ScopeRequirement.NotAllowed());
        }
        assertThat(identity.requirement(HttpMethod.GET, "/api/v1/auth/invites"))
                .isEqualTo(new ScopeRequirement.NotAllowed());
    }

    @Test
    void requiresAgentAndProviderScopes() {
        RouteTable.Entry agent = shipped.byId("agent").orElseThrow();

        assertThat(agent.requirement(HttpMethod.GET, "/api/v1/agents")).isEqualTo(scope("agents:read"));
        assertThat(agent.requirement(HttpMethod.DELETE, "/api/v1/agents/a")).isEqualTo(scope("agents:write"));
        assertThat(agent.requirement(HttpMethod.POST, "/api/v1/agents/a/prompt/blocks"))
                .isEqualTo(scope("agents:write"));
        assertThat(agent.requirement(HttpMethod.GET, "/api/v1/providers/catalog"))
                .isEqualTo(scope("providers:read"));
        assertThat(agent.requirement(HttpMethod.POST, "/api/v1/tiers")).isEqualTo(scope("providers:write"));
    }

    @Test
    void leavesScopesToTheServiceOnRoutesWithoutRules() {
        RouteTable.Entry chat = allEnabled.byId("chat").orElseThrow();

        assertThat(chat.requirement(HttpMethod.POST, "/api/v1/agents/a/chat"))
                .isEqualTo(new ScopeRequirement.Unchecked());
    }

    private static String owner(String path) {
        return allEnabled.resolve(path).map(RouteTable.Entry::id).orElse("none");
    }

    private static ScopeRequirement scope(String name) {
        return new ScopeRequirement.Scope(name);
    }

    private static GatewayProperties bind(Map<String, Object> overrides) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        new YamlPropertySourceLoader()
                .load("gateway.yml", new ClassPathResource("gateway.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bindOrCreate("stoa.gateway", GatewayProperties.class);
    }
}
