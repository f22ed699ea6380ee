package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AgentServiceTest
class AgentsIT {
    private final AgentApi api;

    AgentsIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void createsReadsListsAndUpdatesAnAgentWithEveryField() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Support bot");
        body.put("description", "answers tickets");
        body.put("model", Map.of("provider_id", provider, "model", "gpt-4o-mini"));
        body.put("prompt_blocks", List.of(Map.of("name", "persona", "content", "Be kind.")));
        body.put("input_schema", Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))));
        body.put("rate_limits", Map.of("requests_per_minute", 60, "tokens_per_minute", 40000));
        body.put("monthly_budget_usd", 25.5);
        body.put("metadata", Map.of("team", "cx", "tags", List.of("a", "b")));

        Response created = api.post("/api/v1/agents", org.member(), body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode agent = created.json();
        String id = agent.path("id").asString();
        assertThat(id).startsWith("agt_");
        assertThat(agent.path("version").asInt()).isEqualTo(1);
        assertThat(agent.path("status").asString()).isEqualTo("active");
        assertThat(agent.path("model").path("provider_id").asString()).isEqualTo(provider);
        assertThat(agent.path("prompt_blocks").get(0).path("id").asString()).startsWith("blk_");
        assertThat(agent.path("input_schema").path("type").asString()).isEqualTo("object");
        assertThat(agent.path("rate_limits").path("tokens_per_minute").asInt()).isEqualTo(40000);
        assertThat(agent.path("monthly_budget_usd").decimalValue()).isEqualByComparingTo("25.5");
        assertThat(agent.path("metadata").path("tags").size()).isEqualTo(2);

        Response fetched = api.get("/api/v1/agents/" + id, org.viewer());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(agent);

        JsonNode list = api.get("/api/v1/agents", org.viewer()).json();
        assertThat(list.path("data")).hasSize(1);
        assertThat(list.path("data").get(0).path("id").asString()).isEqualTo(id);
        assertThat(list.path("data").get(0).has("prompt_blocks")).isFalse();
        assertThat(list.has("next_cursor")).isTrue();

        Response renamed = api.patch("/api/v1/agents/" + id, org.member(), Map.of("name", "Helpdesk"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("version").asInt()).isEqualTo(2);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(renamed.json()
                        .path("rate_limits")
                        .path("requests_per_minute")
                        .asInt())
                .isEqualTo(60);

        Response same = api.patch("/api/v1/agents/" + id, org.member(), Map.of("name", "Helpdesk"));
        assertThat(same.json().path("version").asInt())
                .as("a no-op is not a version")
                .isEqualTo(2);
    }

    @Test
    void pauseAndResumeChangeTheStatusButNotTheVersion() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "a")).path("id").asString();
        api.createAgent(org, Map.of("name", "b"));

        Response paused = api.post("/api/v1/agents/" + id + "/pause", org.member(), null);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("status").asString()).isEqualTo("paused");
        assertThat(paused.json().path("version").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/agents/" + id + "/pause", org.member(), null)
                        .status())
                .isEqualTo(200);

        JsonNode onlyPaused =
                api.get("/api/v1/agents?status=paused", org.viewer()).json().path("data");
        assertThat(onlyPaused).hasSize(1);
        assertThat(onlyPaused.get(0).path("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/agents?status=sleeping", org.viewer()).field())
                .isEqualTo("status");

        Response resumed = api.post("/api/v1/agents/" + id + "/resume", org.member(), null);
        assertThat(resumed.json().path("status").asString()).isEqualTo("active");
        assertThat(api.get("/api/v1/agents/" + id + "/versions", org.viewer())
                        .json()
                        .path("data"))
                .hasSize(1);
    }

    @Test
    void deleteHidesTheAgentButKeepsItsHistory() throws Exception {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "doomed")).path("id").asString();
        api.patch("/api/v1/agents/" + id, org.member(), Map.of("description", "v2"));

        assertThat(api.delete("/api/v1/agents/" + id, org.member()).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/agents/" + id, org.viewer()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/agents/" + id + "/versions", org.viewer()).status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/agents/" + id, org.member()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/agents", org.viewer()).json().path("data")).isEmpty();
        try (Connection db = StoaPostgres.database("agent").connectAsOwner()) {
            asOrg(db, org.id());
            try (PreparedStatement query =
                    db.prepareStatement("select count(*) from agent_versions where agent_id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void viewersReadButCannotChangeAnAgent() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        String blockId = api.get("/api/v1/agents/" + id + "/prompt", org.viewer())
                .json()
                .path("blocks")
                .get(0)
                .path("id")
                .asString();
        String viewer = org.viewer();

        assertThat(api.get("/api/v1/agents/" + id, viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/agents/" + id + "/prompt/preview", viewer).status())
                .isEqualTo(200);
        List<Response> attempts = List.of(
                api.post("/api/v1/agents", viewer, Map.of("name", "x")),
                api.patch("/api/v1/agents/" + id, viewer, Map.of("name", "x")),
                api.post("/api/v1/agents/" + id + "/pause", viewer, null),
                api.post("/api/v1/agents/" + id + "/versions/1/rollback", viewer, null),
                api.put("/api/v1/agents/" + id + "/canary", viewer, Map.of("version", 1, "percent", 5)),
                api.post("/api/v1/agents/" + id + "/prompt/blocks", viewer, Map.of("name", "n", "content", "c")),
                api.patch("/api/v1/agents/" + id + "/prompt/blocks/" + blockId, viewer, Map.of("content", "c")),
                api.put(
                        "/api/v1/agents/" + id + "/prompt/blocks/reorder",
                        viewer,
                        Map.of("block_ids", List.of(blockId))),
                api.patch("/api/v1/agents/" + id + "/schemas", viewer, Map.of("output_schema", Map.of())),
                api.delete("/api/v1/agents/" + id + "/prompt/blocks/" + blockId, viewer),
                api.delete("/api/v1/agents/" + id, viewer));

        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("insufficient_role");
        });
        JsonNode after = api.get("/api/v1/agents/" + id, viewer).json();
        assertThat(after.path("version").asInt()).isEqualTo(1);
        assertThat(after.path("status").asString()).isEqualTo("active");
    }

    @Test
    void apiKeysNeedTheAgentScopes() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "scoped")).path("id").asString();
        String reader = org.apiKey("agents:read");
        String writer = org.apiKey("agents:read", "agents:write");

        assertThat(api.get("/api/v1/agents/" + id, reader).status()).isEqualTo(200);
        Response refused = api.patch("/api/v1/agents/" + id, reader, Map.of("name", "x"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
        assertThat(api.get("/api/v1/agents/" + id, org.apiKey("providers:read")).status())
                .isEqualTo(403);
        assertThat(api.patch("/api/v1/agents/" + id, writer, Map.of("name", "x"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesBadAgentInputNamingTheField() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        String otherOrgsProvider = api.fakeProvider(TestOrg.create());
        Map<String, String> bigMetadata = Map.of("blob", "x".repeat(17_000));

        assertField(org, Map.of("description", "no name"), "name");
        assertField(
                org,
                Map.of("name", "a", "model", Map.of("provider_id", otherOrgsProvider, "model", "m")),
                "model.provider_id");
        assertField(
                org,
                Map.of("name", "a", "model", Map.of("provider_id", "prv_nope", "model", "m")),
                "model.provider_id");
        assertField(
                org,
                Map.of("name", "a", "model", Map.of("tier", "fast", "provider_id", provider, "model", "m")),
                "model");
        assertField(org, Map.of("name", "a", "model", Map.of("provider_id", provider)), "model.model");
        assertField(org, Map.of("name", "a", "model", Map.of("tier", "nonexistent")), "model.tier");
        assertField(org, Map.of("name", "a", "metadata", bigMetadata), "metadata");
        assertField(org, Map.of("name", "a", "metadata", List.of(1, 2)), "metadata");
        assertField(org, Map.of("name", "a", "monthly_budget_usd", 1.0000001), "monthly_budget_usd");
        assertField(org, Map.of("name", "a", "monthly_budget_usd", -1), "monthly_budget_usd");
        assertField(
                org,
                Map.of("name", "a", "rate_limits", Map.of("requests_per_minute", -5)),
                "rate_limits.requests_per_minute");
        assertField(org, Map.of("name", "a", "colour", "red"), "colour");
        assertField(org, Map.of("name", "a", "input_schema", Map.of("type", "strnig")), "input_schema");
        assertThat(api.post("/api/v1/agents", org.member(), "{not json").code()).isEqualTo("malformed_json");
        assertThat(api.get("/api/v1/agents", org.viewer()).json().path("data")).isEmpty();
    }

    @Test
    void reportsConfiguredLimitsAndTheLastMinutesUsage() throws Exception {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "limited", "rate_limits", Map.of("requests_per_minute", 10)))
                .path("id")
                .asString();

        JsonNode empty =
                api.get("/api/v1/agents/" + id + "/rate-limits", org.viewer()).json();
        assertThat(empty.path("requests_per_minute").asInt()).isEqualTo(10);
        assertThat(empty.path("tokens_per_minute").asInt()).isZero();
        assertThat(empty.path("usage").path("requests").asLong()).isZero();

        try (Connection db = StoaPostgres.database("agent").connectAsOwner()) {
            asOrg(db, org.id());
            try (PreparedStatement insert =
                    db.prepareStatement("insert into agent_usage (agent_id, window_start, org_id, requests, tokens) "
                            + "values (?, date_trunc('second', now()), ?, 7, 1234)")) {
                insert.setString(1, id);
                insert.setString(2, org.id());
                insert.executeUpdate();
            }
        }
        JsonNode used =
                api.get("/api/v1/agents/" + id + "/rate-limits", org.viewer()).json();
        assertThat(used.path("usage").path("requests").asLong()).isEqualTo(7);
        assertThat(used.path("usage").path("tokens").asLong()).isEqualTo(1234);
    }

    @Test
    void everyAgentEndpointAnswers404ForAnotherOrgsAgent() {
        TestOrg owner = TestOrg.create();
        TestOrg other = TestOrg.create();
        JsonNode agent = api.agentOn(owner, api.fakeProvider(owner));
        String id = agent.path("id").asString();
        String blockId = agent.path("prompt_blocks").get(0).path("id").asString();
        String token = other.admin();
        String base = "/api/v1/agents/" + id;

        List<Response> answers = List.of(
                api.get(base, token),
                api.patch(base, token, Map.of("name", "stolen")),
                api.post(base + "/pause", token, null),
                api.post(base + "/resume", token, null),
                api.get(base + "/versions", token),
                api.get(base + "/versions/1", token),
                api.post(base + "/versions/1/rollback", token, null),
                api.put(base + "/canary", token, Map.of("version", 1, "percent", 5)),
                api.delete(base + "/canary", token),
                api.get(base + "/rate-limits", token),
                api.get(base + "/schemas", token),
                api.patch(base + "/schemas", token, Map.of("input_schema", Map.of())),
                api.get(base + "/prompt", token),
                api.get(base + "/prompt/preview", token),
                api.get(base + "/prompt/versions", token),
                api.post(base + "/prompt/rollback/1", token, null),
                api.post(base + "/prompt/blocks", token, Map.of("name", "n", "content", "c")),
                api.patch(base + "/prompt/blocks/" + blockId, token, Map.of("content", "c")),
                api.put(base + "/prompt/blocks/reorder", token, Map.of("block_ids", List.of(blockId))),
                api.delete(base + "/prompt/blocks/" + blockId, token),
                api.delete(base, token),
                api.get("/api/v1/agents/agt_0000000000000000000000000", token),
                api.get("/api/v1/agents/not-an-id", token));

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("not_found");
        });
        assertThat(api.get("/api/v1/agents", token).json().path("data")).isEmpty();
        assertThat(api.get(base, owner.viewer()).json()).isEqualTo(agent);
    }

    private void assertField(TestOrg org, Object body, String field) {
        Response response = api.post("/api/v1/agents", org.member(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }

    static void asOrg(Connection db, String orgId) throws Exception {
        try (PreparedStatement set = db.prepareStatement("select set_config('stoa.org_id', ?, false)")) {
            set.setString(1, orgId);
            set.execute();
        }
    }
}
