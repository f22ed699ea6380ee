package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AgentServiceTest
class PromptIT {
    private final AgentApi api;

    PromptIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void blocksAreAddedChangedAndRemovedAsNewVersions() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        String base = "/api/v1/agents/" + id + "/prompt";

        JsonNode prompt = api.get(base, org.viewer()).json();
        assertThat(prompt.path("blocks")).hasSize(2);
        assertThat(prompt.path("system_prompt").asString())
                .isEqualTo("You are {{company}}'s assistant.\n\nAnswer {{user.name}} briefly.");
        assertThat(prompt.path("variables").values().stream().map(JsonNode::asString))
                .containsExactly("company", "user.name");

        Response added = api.post(
                base + "/blocks",
                org.member(),
                Map.of("name", "safety", "content", "Never share secrets.", "position", 0));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("position").asInt()).isZero();
        assertThat(added.json().path("agent_version").asInt()).isEqualTo(2);
        String blockId = added.id();
        assertThat(blockId).startsWith("blk_");

        Response disabled =
                api.patch(base + "/blocks/" + blockId, org.member(), Map.of("enabled", false, "name", "safety-off"));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(api.get(base, org.viewer()).json().path("system_prompt").asString())
                .doesNotContain("Never share secrets.");

        Response removed = api.delete(base + "/blocks/" + blockId, org.member());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("version").asInt()).isEqualTo(4);
        assertThat(removed.json().path("prompt_blocks")).hasSize(2);

        assertThat(api.patch(base + "/blocks/" + blockId, org.member(), Map.of("content", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(base + "/blocks/blk_unknown", org.member()).status())
                .isEqualTo(404);
    }

    @Test
    void reorderNeedsAPermutationOfTheBlocks() {
        TestOrg org = TestOrg.create();
        JsonNode agent = api.agentOn(org, api.fakeProvider(org));
        String base = "/api/v1/agents/" + agent.path("id").asString() + "/prompt/blocks/reorder";
        String first = agent.path("prompt_blocks").get(0).path("id").asString();
        String second = agent.path("prompt_blocks").get(1).path("id").asString();

        Response missing = api.put(base, org.member(), Map.of("block_ids", List.of(first)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("block_ids");
        assertThat(missing.json().path("detail").asString()).contains(second);
        Response duplicate = api.put(base, org.member(), Map.of("block_ids", List.of(first, first)));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.field()).isEqualTo("block_ids[1]");
        Response unknown = api.put(base, org.member(), Map.of("block_ids", List.of(first, second, "blk_x")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.field()).isEqualTo("block_ids[2]");
        assertThat(api.put(base, org.member(), Map.of()).field()).isEqualTo("block_ids");

        Response reordered = api.put(base, org.member(), Map.of("block_ids", List.of(second, first)));
        assertThat(reordered.status()).as(reordered.body()).isEqualTo(200);
        assertThat(reordered.json().path("blocks").get(0).path("id").asString()).isEqualTo(second);
        assertThat(reordered.json().path("version").asInt())
                .as("only the valid reorder made a version")
                .isEqualTo(2);
    }

    @Test
    void previewFillsVariablesAndReportsTheMissingOnes() {
        TestOrg org = TestOrg.create();
        String base = "/api/v1/agents/"
                + api.agentOn(org, api.fakeProvider(org)).path("id").asString() + "/prompt/preview";
        String context =
                URLEncoder.encode("{\"company\":\"Acme\",\"user\":{\"name\":\"Ana\"}}", StandardCharsets.UTF_8);

        JsonNode full = api.get(base + "?context=" + context, org.viewer()).json();
        assertThat(full.path("prompt").asString()).isEqualTo("You are Acme's assistant.\n\nAnswer Ana briefly.");
        assertThat(full.path("missing_variables")).isEmpty();

        JsonNode partial = api.get(base + "?vars.company=Initech", org.viewer()).json();
        assertThat(partial.path("prompt").asString()).contains("Initech").contains("{{user.name}}");
        assertThat(partial.path("missing_variables").values().stream().map(JsonNode::asString))
                .containsExactly("user.name");

        Response notJson = api.get(base + "?context=" + URLEncoder.encode("[1]", StandardCharsets.UTF_8), org.viewer());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.field()).isEqualTo("context");
    }

    @Test
    void oversizedBlocksAreRefusedNamingContent() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "big")).path("id").asString();
        String base = "/api/v1/agents/" + id + "/prompt/blocks";

        Response megabyte = api.post(base, org.member(), Map.of("name", "huge", "content", "a".repeat(1_000_000)));
        assertThat(megabyte.status()).as(megabyte.body()).isIn(400, 413);
        if (megabyte.status() == 400) {
            assertThat(megabyte.field()).isEqualTo("content");
        }
        Response justOver = api.post(base, org.member(), Map.of("name", "over", "content", "é".repeat(40_000)));
        assertThat(justOver.status()).isEqualTo(400);
        assertThat(justOver.field()).isEqualTo("content");
        Response limit = api.post(base, org.member(), Map.of("name", "max", "content", "a".repeat(65_536)));
        assertThat(limit.status()).isEqualTo(201);
        Response atCreation = api.post(
                "/api/v1/agents",
                org.member(),
                Map.of("name", "x", "prompt_blocks", List.of(Map.of("name", "b", "content", "é".repeat(40_000)))));
        assertThat(atCreation.field()).isEqualTo("prompt_blocks[0].content");
    }

    @Test
    void promptVersionsListPromptChangesAndRollbackRestoresOnlyTheBlocks() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        String agent = "/api/v1/agents/" + id;
        api.patch(agent, org.member(), Map.of("name", "renamed"));
        api.post(agent + "/prompt/blocks", org.member(), Map.of("name", "extra", "content", "Extra."));

        JsonNode versions =
                api.get(agent + "/prompt/versions", org.viewer()).json().path("data");
        assertThat(versions.findValues("version").stream().map(JsonNode::asInt)).containsExactly(3, 1);
        assertThat(versions.get(0).path("blocks")).hasSize(3);

        Response rolled = api.post(agent + "/prompt/rollback/1", org.member(), null);
        assertThat(rolled.status()).as(rolled.body()).isEqualTo(200);
        assertThat(rolled.json().path("version").asInt()).isEqualTo(4);
        assertThat(rolled.json().path("prompt_blocks")).hasSize(2);
        assertThat(rolled.json().path("name").asString()).isEqualTo("renamed");
        assertThat(api.get(agent + "/versions/4", org.viewer())
                        .json()
                        .path("change")
                        .asString())
                .isEqualTo("prompt_rolled_back");

        assertThat(api.post(agent + "/prompt/rollback/99", org.member(), null).status())
                .isEqualTo(404);
    }
}
