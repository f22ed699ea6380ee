package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Role;
import dev.stoa.memoryclient.MemoryBlock;
import dev.stoa.memoryclient.RecalledFact;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The prompt preview with long-term memory (issue 13): given a user, the preview asks memory-service (a fake of its
 * gRPC {@code Memory} service over a real socket) and shows the block chat would add to that user's turn, and the
 * facts in it; memory off or down previews the agent's prompt alone.
 */
@AgentServiceTest
class PromptMemoryIT {
    private static final String PROMPT = "You are {{company}}'s assistant.\n\nAnswer {{user.name}} briefly.";

    private final AgentApi api;

    PromptMemoryIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void aUsersRecalledFactsFollowThePromptAsChatWouldAddThem() {
        TestOrg org = TestOrg.create();
        String agent = agent(org);
        FakeMemoryServer.respond(agent, request -> RecallResponse.newBuilder()
                .setEnabled(true)
                .addFacts(fact("fct_city", "The user lives in Lisbon", 0.83))
                .addFacts(fact("fct_tea", "The user prefers green tea", 0.41))
                .build());

        JsonNode preview = api.get(
                        preview(agent) + "?vars.company=Acme&user_id=ext:ana-7&message="
                                + URLEncoder.encode("Where do I live?", StandardCharsets.UTF_8),
                        org.admin())
                .json();

        String block = MemoryBlock.render(List.of(
                new RecalledFact("fct_city", "The user lives in Lisbon", "personal", 0.9, 0.83, null),
                new RecalledFact("fct_tea", "The user prefers green tea", "personal", 0.9, 0.41, null)));
        assertThat(preview.path("prompt").asString())
                .isEqualTo("You are Acme's assistant.\n\nAnswer {{user.name}} briefly.\n\n" + block);
        assertThat(preview.path("missing_variables").values().stream().map(JsonNode::asString))
                .containsExactly("user.name");
        assertThat(preview.path("memory_status").asString()).isEqualTo("recalled");
        JsonNode facts = preview.path("memory_facts");
        assertThat(facts.values().stream().map(f -> f.path("id").asString())).containsExactly("fct_city", "fct_tea");
        assertThat(facts.get(0).path("text").asString()).isEqualTo("The user lives in Lisbon");
        assertThat(facts.get(0).path("category").asString()).isEqualTo("personal");
        assertThat(facts.get(0).path("score").asDouble()).isEqualTo(0.83);
        RecallRequest asked = FakeMemoryServer.requests(agent).getLast();
        assertThat(asked.getOrgId()).isEqualTo(org.id());
        assertThat(asked.getUserId()).isEqualTo("ext:ana-7");
        assertThat(asked.getQuery()).isEqualTo("Where do I live?");
    }

    @Test
    void withoutAMessageMemoryIsAskedAboutTheUserAsAWhole() {
        TestOrg org = TestOrg.create();
        String agent = agent(org);
        FakeMemoryServer.respond(
                agent, request -> RecallResponse.newBuilder().setEnabled(true).build());

        JsonNode preview =
                api.get(preview(agent) + "?user_id=usr_1", org.admin()).json();

        assertThat(preview.path("memory_status").asString()).isEqualTo("recalled");
        assertThat(preview.path("memory_facts")).isEmpty();
        assertThat(preview.path("prompt").asString()).as("no facts, no block").isEqualTo(PROMPT);
        assertThat(FakeMemoryServer.requests(agent).getLast().getQuery()).isNotBlank();
    }

    @Test
    void withoutAUserMemoryIsNotAsked() {
        TestOrg org = TestOrg.create();
        String agent = agent(org);

        JsonNode preview =
                api.get(preview(agent) + "?message=hello", org.viewer()).json();

        assertThat(preview.path("prompt").asString()).isEqualTo(PROMPT);
        assertThat(preview.path("memory_status").asString()).isEqualTo("not_requested");
        assertThat(preview.path("memory_facts")).isEmpty();
        assertThat(FakeMemoryServer.requests(agent)).isEmpty();
    }

    @Test
    void memoryOffOrDownPreviewsThePromptAlone() {
        TestOrg org = TestOrg.create();
        String off = agent(org);
        String down = agent(org);
        FakeMemoryServer.fail(down, Status.UNAVAILABLE);

        JsonNode disabled =
                api.get(preview(off) + "?user_id=usr_1", org.admin()).json();
        Response unavailable = api.get(preview(down) + "?user_id=usr_1", org.admin());

        assertThat(disabled.path("memory_status").asString()).isEqualTo("disabled");
        assertThat(disabled.path("prompt").asString()).isEqualTo(PROMPT);
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(200);
        assertThat(unavailable.json().path("memory_status").asString()).isEqualTo("unavailable");
        assertThat(unavailable.json().path("prompt").asString()).isEqualTo(PROMPT);
        assertThat(unavailable.json().path("memory_facts")).isEmpty();
    }

    @Test
    void overLongOrUnprintableUserIdsAndMessagesAreRefusedNamingTheField() {
        TestOrg org = TestOrg.create();
        String agent = agent(org);

        assertRefused(agent, org, "?user_id=" + "u".repeat(201), "user_id");
        assertRefused(agent, org, "?user_id=", "user_id");
        assertRefused(agent, org, "?user_id=usr%01x", "user_id");
        assertRefused(agent, org, "?user_id=usr_1&message=" + "m".repeat(2_001), "message");
        assertRefused(agent, org, "?user_id=usr_1&message=hi%00there", "message");
        assertThat(FakeMemoryServer.requests(agent)).isEmpty();

        // At the limits: accepted.
        Response atLimits =
                api.get(preview(agent) + "?user_id=" + "u".repeat(200) + "&message=" + "m".repeat(2_000), org.admin());
        assertThat(atLimits.status()).as(atLimits.body()).isEqualTo(200);
    }

    @Test
    void anApiKeyNeedsMemoryReadToSeeAUsersFactsAndAnotherOrgsAgentIsNotFound() {
        TestOrg org = TestOrg.create();
        String agent = agent(org);

        Response agentsOnly = api.get(preview(agent) + "?user_id=usr_1", org.apiKey("agents:read"));
        Response both = api.get(preview(agent) + "?user_id=usr_1", org.apiKey("agents:read", "memory:read"));
        Response withoutUser = api.get(preview(agent), org.apiKey("agents:read"));
        String stranger = PlatformIssuerExtension.issuer()
                .issue(Principals.user(TestOrg.create().id(), "usr_x", Role.ADMIN), Duration.ofMinutes(5));
        Response foreign = api.get(preview(agent) + "?user_id=usr_1", stranger);

        assertThat(agentsOnly.status()).as(agentsOnly.body()).isEqualTo(403);
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        assertThat(both.json().path("memory_status").asString()).isEqualTo("disabled");
        assertThat(withoutUser.status()).as(withoutUser.body()).isEqualTo(200);
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(FakeMemoryServer.requests(agent)).hasSize(1);
    }

    @Test
    void aPersonPreviewsTheirOwnMemoryOnlyAndAnAdminAnyones() {
        TestOrg org = TestOrg.create();
        String agent = agent(org);

        Response own = api.get(preview(agent) + "?user_id=usr_self", org.token("usr_self", Role.VIEWER));
        Response someoneElses = api.get(preview(agent) + "?user_id=usr_other", org.token("usr_self", Role.MEMBER));
        Response byAdmin = api.get(preview(agent) + "?user_id=usr_other", org.admin());

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(someoneElses.status()).as(someoneElses.body()).isEqualTo(403);
        assertThat(someoneElses.code()).isEqualTo("not_your_memory");
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(FakeMemoryServer.requests(agent))
                .extracting(RecallRequest::getUserId)
                .containsExactly("usr_self", "usr_other");
    }

    private void assertRefused(String agent, TestOrg org, String query, String field) {
        Response refused = api.get(preview(agent) + query, org.viewer());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.field()).as(refused.body()).isEqualTo(field);
        assertThat(refused.raw().headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private String agent(TestOrg org) {
        return api.agentOn(org, api.fakeProvider(org)).path("id").asString();
    }

    private static String preview(String agent) {
        return "/api/v1/agents/" + agent + "/prompt/preview";
    }

    private static dev.stoa.proto.memory.v1.RecalledFact fact(String id, String text, double score) {
        return dev.stoa.proto.memory.v1.RecalledFact.newBuilder()
                .setFactId(id)
                .setText(text)
                .setCategory("personal")
                .setConfidence(0.9)
                .setScore(score)
                .build();
    }
}
