package dev.stoa.memory;

import static dev.stoa.memory.Extractor.add;
import static dev.stoa.memory.Extractor.facts;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.auth.Role;
import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The memory config and facts API: defaults, merge patches and their 422s, 404s, tenancy, paging, rating, recall. */
@MemoryServiceTest
class MemoryApiIT {
    private final TestHttp http;
    private final ManagedChannel channel;
    private final FakeProvider fake;

    MemoryApiIT(TestHttp http, ManagedChannel channel, FakeProvider fake) {
        this.http = http;
        this.channel = channel;
        this.fake = fake;
    }

    @Test
    void configDefaultsThenMergePatches() {
        TestOrg org = TestOrg.create();
        String agent = agentOf(org);

        JsonNode defaults = ok(http.get(configPath(agent), org.viewer()));
        assertThat(defaults.path("enabled").asBoolean()).isTrue();
        assertThat(defaults.path("scope").asString()).isEqualTo("user");
        assertThat(defaults.path("max_facts_per_scope").asInt()).isEqualTo(1_000);
        assertThat(defaults.path("recall_top_k").asInt()).isEqualTo(5);
        assertThat(defaults.path("extraction_model").isMissingNode()).isTrue();
        assertThat(defaults.path("retention_days").isMissingNode()).isTrue();

        String tier = "tier_" + Ids.generate("x").substring(2);
        FakeAgentRuntime.tier(org.id(), tier, "fake-tier-model");
        JsonNode patched = ok(http.patch(
                configPath(agent),
                org.member(),
                Map.of(
                        "scope",
                        "cluster",
                        "cluster",
                        "support-bots",
                        "extraction_model",
                        Map.of("tier_id", tier),
                        "retention_days",
                        30,
                        "ignored_categories",
                        List.of("health"),
                        "recall_top_k",
                        8)));
        assertThat(patched.path("scope").asString()).isEqualTo("cluster");
        assertThat(patched.path("extraction_model").path("tier_id").asString()).isEqualTo(tier);
        assertThat(patched.path("version").asLong()).isEqualTo(1);

        // null resets a field to its default; absent fields stay
        Map<String, @Nullable Object> reset = new HashMap<>();
        reset.put("retention_days", null);
        reset.put("extraction_model", null);
        reset.put("scope", "user");
        JsonNode again = ok(http.patch(configPath(agent), org.member(), reset));
        assertThat(again.path("retention_days").isMissingNode()).isTrue();
        assertThat(again.path("extraction_model").isMissingNode()).isTrue();
        assertThat(again.path("recall_top_k").asInt()).isEqualTo(8);
        assertThat(again.path("ignored_categories").valueStream().map(JsonNode::asString))
                .containsExactly("health");
        assertThat(again.path("version").asLong()).isEqualTo(2);
        assertThat(ok(http.get(configPath(agent), org.viewer())).path("version").asLong())
                .isEqualTo(2);
    }

    @Test
    void invalidConfigFieldsAre422NamingTheField() {
        TestOrg org = TestOrg.create();
        String agent = agentOf(org);
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("scope", "team"), "scope",
                Map.of("scope", "cluster"), "cluster",
                Map.of("recall_top_k", 21), "recall_top_k",
                Map.of("max_facts_per_scope", 100_001), "max_facts_per_scope",
                Map.of("retention_days", 0), "retention_days",
                Map.of("enabled", "yes"), "enabled",
                Map.of("colour", "red"), "colour",
                Map.of("ignored_categories", List.of("Not A Category")), "ignored_categories[0]",
                Map.of("extraction_model", Map.of("tier_id", "tier_01jd0000000000000000000000", "model", "x")),
                        "extraction_model",
                Map.of("extraction_model", Map.of("tier_id", "tier_01jd0000000000000000000000")), "extraction_model");
        cases.forEach((body, field) -> {
            TestHttp.Response response = http.patch(configPath(agent), org.member(), body);
            assertThat(response.status()).as(body + ": " + response.body()).isEqualTo(422);
            assertThat(response.field()).as(body.toString()).isEqualTo(field);
        });
        // nothing was saved
        assertThat(ok(http.get(configPath(agent), org.viewer())).path("version").asLong())
                .isZero();
        // viewers read but do not change
        assertThat(http.patch(configPath(agent), org.viewer(), Map.of("enabled", false))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void unknownAndForeignAgentsAre404AndAnotherOrgNeverSeesTheFacts() {
        Setup s = seeded(3);
        TestOrg other = TestOrg.create();
        // the other org knows an agent with the same id (as agent-service never would): RLS still hides the facts
        FakeAgentRuntime.agent(other.id(), s.agent);

        assertThat(http.get(configPath(Ids.generate("agt")), s.org.viewer()).status())
                .isEqualTo(404);
        assertThat(http.get(configPath("not-an-agent"), s.org.viewer()).status())
                .isEqualTo(404);
        TestOrg third = TestOrg.create();
        assertThat(http.get(configPath(s.agent), third.viewer()).status()).isEqualTo(404);
        assertThat(http.get(statsPath(s.agent), third.viewer()).status()).isEqualTo(404);
        assertThat(http.patch(configPath(s.agent), third.owner(), Map.of("enabled", false))
                        .status())
                .isEqualTo(404);

        JsonNode seen = ok(http.get(userPath(s), other.admin()));
        assertThat(seen.path("current_facts").asLong()).isZero();
        assertThat(ok(http.get(userPath(s) + "/facts?validity=all", other.admin()))
                        .path("data"))
                .isEmpty();
        RecallRequest foreign = RecallRequest.newBuilder()
                .setOrgId(other.id())
                .setAgentId(s.agent)
                .setUserId(s.user)
                .setQuery("fact")
                .build();
        assertThat(asService().recall(foreign).getFactsList()).isEmpty();
        assertThat(ok(http.get(statsPath(s.agent), other.viewer()))
                        .path("current_facts")
                        .asLong())
                .isZero();
        assertThat(http.delete(userPath(s), other.owner()).status()).isEqualTo(204);
        // the owner's facts survived the other org's clear
        assertThat(ok(http.get(userPath(s), s.org.admin()))
                        .path("current_facts")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void factsPageByCursorWithinLimitsAndCanBeRatedAndDeleted() {
        Setup s = seeded(3);

        JsonNode first = ok(http.get(userPath(s) + "/facts?limit=2", s.org.admin()));
        assertThat(first.path("data")).hasSize(2);
        String cursor = first.path("next_cursor").asString();
        JsonNode second = ok(http.get(userPath(s) + "/facts?limit=2&cursor=" + cursor, s.org.admin()));
        assertThat(second.path("data")).hasSize(1);
        assertThat(second.path("next_cursor").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        first.path("data").forEach(f -> ids.add(f.path("id").asString()));
        second.path("data").forEach(f -> ids.add(f.path("id").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);

        for (String bad : List.of("limit=0", "limit=101", "cursor=nonsense", "validity=old", "category=Bad!")) {
            TestHttp.Response response = http.get(userPath(s) + "/facts?" + bad, s.org.admin());
            assertThat(response.status()).as(bad).isEqualTo(400);
        }
        String longUser = "u".repeat(201);
        assertThat(http.get("/api/v1/agents/" + s.agent + "/memory/" + longUser, s.org.admin())
                        .status())
                .isEqualTo(400);

        // rate one fact, delete another
        String factId = ids.getFirst();
        JsonNode rated = ok(http.patch(userPath(s) + "/facts/" + factId, s.org.admin(), Map.of("rating", -1)));
        assertThat(rated.path("rating").asInt()).isEqualTo(-1);
        assertThat(http.patch(userPath(s) + "/facts/" + factId, s.org.admin(), Map.of("rating", 2))
                        .status())
                .isEqualTo(400);
        assertThat(http.delete(userPath(s) + "/facts/" + ids.get(1), s.org.admin())
                        .status())
                .isEqualTo(204);
        assertThat(http.delete(userPath(s) + "/facts/" + ids.get(1), s.org.admin())
                        .status())
                .isEqualTo(404);
        JsonNode view = ok(http.get(userPath(s), s.org.admin()));
        assertThat(view.path("current_facts").asLong()).isEqualTo(2);
        JsonNode stats = ok(http.get(statsPath(s.agent), s.org.viewer()));
        assertThat(stats.path("users").asLong()).isEqualTo(1);
        assertThat(stats.path("extractions_ok").asLong()).isEqualTo(1);
    }

    @Test
    void recallIsForServicesChecksItsInputAndAnswersDisabledWhenMemoryIsOff() {
        Setup s = seeded(1);
        RecallRequest valid = RecallRequest.newBuilder()
                .setOrgId(s.org.id())
                .setAgentId(s.agent)
                .setUserId(s.user)
                .setQuery("fact")
                .setTopK(50)
                .build();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(asService().recall(valid).getFactsCount()).isEqualTo(1));

        assertCode(
                () -> MemoryGrpc.newBlockingStub(channel)
                        .withInterceptors(bearer(s.org.token(Role.OWNER)))
                        .recall(valid),
                Status.Code.PERMISSION_DENIED);
        assertCode(
                () -> asService().recall(valid.toBuilder().setAgentId("agt_bad").build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(
                () -> asService()
                        .recall(valid.toBuilder().setQuery("q".repeat(2_001)).build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> asService().recall(valid.toBuilder().setTopK(-1).build()), Status.Code.INVALID_ARGUMENT);

        ok(http.patch(configPath(s.agent), s.org.member(), Map.of("enabled", false)));
        var off = asService().recall(valid);
        assertThat(off.getEnabled()).isFalse();
        assertThat(off.getFactsList()).isEmpty();
    }

    @Test
    void atMostMaxFactsPerScopeAreKept() {
        TestOrg org = TestOrg.create();
        String agent = agentOf(org);
        ok(http.patch(configPath(agent), org.member(), Map.of("max_facts_per_scope", 2)));
        String user = Ids.generate("usr");
        Extractor.on(
                fake,
                (m, existing) -> facts(
                        add("user", "knows", "a", "The user knows a.", "personal"),
                        add("user", "knows", "b", "The user knows b.", "personal"),
                        add("user", "knows", "c", "The user knows c.", "personal")));

        Events.publishTurn(Events.turn(org.id(), agent, "cnv_a", user, "Three things."));

        String path = "/api/v1/agents/" + agent + "/memory/stats";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        ok(http.get(path, org.viewer())).path("extractions_ok").asLong())
                .isEqualTo(1));
        assertThat(ok(http.get(path, org.viewer())).path("current_facts").asLong())
                .isEqualTo(2);
    }

    @Test
    void theOpenApiDocumentDescribesTheMemoryEndpoints() {
        JsonNode paths = ok(http.get("/v3/api-docs", null)).path("paths");

        assertThat(paths.has("/api/v1/agents/{agent_id}/memory-config")).isTrue();
        assertThat(paths.has("/api/v1/agents/{agent_id}/memory/{user_id}/facts"))
                .isTrue();
        assertThat(paths.path("/api/v1/agents/{agent_id}/memory-config")
                        .path("patch")
                        .path("responses")
                        .has("422"))
                .isTrue();
    }

    /** An org with an agent and a user with {@code n} facts (one extracted turn). */
    @Test
    void aPersonSeesAndClearsTheirOwnMemoryOnlyWhileAdminsAndApiKeysSeeAnyones() {
        Setup s = seeded(2);
        String self = s.org.token(s.user, Role.VIEWER);

        assertThat(ok(http.get(userPath(s) + "/facts", self)).path("data")).hasSize(2);
        TestHttp.Response someoneElses = http.get(userPath(s) + "/facts", s.org.member());
        assertThat(someoneElses.status()).isEqualTo(403);
        assertThat(someoneElses.code()).isEqualTo("not_your_memory");
        assertThat(http.get(userPath(s) + "/graph", s.org.viewer()).status()).isEqualTo(403);
        assertThat(http.delete(userPath(s), s.org.member()).status()).isEqualTo(403);
        assertThat(ok(http.get(userPath(s) + "/facts", s.org.apiKey("memory:read")))
                        .path("data"))
                .hasSize(2);
        assertThat(http.get(userPath(s) + "/facts", s.org.apiKey("agents:read")).status())
                .isEqualTo(403);
        assertThat(ok(http.get(userPath(s), s.org.admin()))
                        .path("current_facts")
                        .asLong())
                .isEqualTo(2);

        assertThat(http.delete(userPath(s), self).status()).isEqualTo(204);
        assertThat(ok(http.get(userPath(s) + "/facts", self)).path("data")).isEmpty();
    }

    private Setup seeded(int n) {
        TestOrg org = TestOrg.create();
        String agent = agentOf(org);
        String user = Ids.generate("usr");
        List<String> extracted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            extracted.add(add("user", "knows", "thing " + i, "The user knows fact number " + i + ".", "personal"));
        }
        Extractor.on(fake, (m, existing) -> facts(extracted.toArray(String[]::new)));
        Events.publishTurn(Events.turn(org.id(), agent, "cnv_a", user, "Facts about me."));
        Setup s = new Setup(org, agent, user);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestHttp.Response view = http.get(userPath(s), org.admin());
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json().path("current_facts").asLong()).isEqualTo(n);
        });
        return s;
    }

    private MemoryGrpc.MemoryBlockingStub asService() {
        return MemoryGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))));
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }

    private static String agentOf(TestOrg org) {
        String agent = Ids.generate("agt");
        FakeAgentRuntime.agent(org.id(), agent);
        return agent;
    }

    private static JsonNode ok(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String configPath(String agent) {
        return "/api/v1/agents/" + agent + "/memory-config";
    }

    private static String statsPath(String agent) {
        return "/api/v1/agents/" + agent + "/memory/stats";
    }

    private static String userPath(Setup s) {
        return "/api/v1/agents/" + s.agent + "/memory/" + s.user;
    }

    private record Setup(TestOrg org, String agent, String user) {}
}
