package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Dead letters of an org: its admins see why its events failed (never their content) and replay them. */
@MonitoringServiceTest
class DeadLettersIT {
    static final String PATH = "/api/v1/monitoring/dead-letters";

    @Test
    void anOrgsAdminsSeeItsDeadLettersAndReplayOneBackToItsTopic(TestHttp http) {
        // given a record that is no CloudEvent and an event lacking its org, both keyed by the org
        TestOrg org = TestOrg.create();
        String secretish = "card 4111 1111 1111 1111 of " + org.id();
        SourceEvents.publishRaw(Topics.TOOL_CALLS, org.id(), secretish.getBytes(StandardCharsets.UTF_8));
        String orgless = SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall("", Ids.generate("agt"), "weather", "succeeded", 1)
                        .build());

        // then the org's admins list both, newest first, with the reason and without the content
        JsonNode listed = Reads.awaiting(
                http, PATH, org.admin(), page -> assertThat(page.path("data")).hasSize(2));
        List<JsonNode> letters =
                StreamSupport.stream(listed.path("data").spliterator(), false).toList();
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.path("topic").asString()).isEqualTo(Topics.TOOL_CALLS);
            assertThat(l.path("replay_count").asInt()).isZero();
            assertThat(l.path("error").asString()).isNotBlank();
        });
        JsonNode lacking = letters.stream()
                .filter(l -> l.path("event_id").asString("").equals(orgless))
                .findFirst()
                .orElseThrow();
        JsonNode unreadable =
                letters.stream().filter(l -> l != lacking).findFirst().orElseThrow();
        assertThat(unreadable.path("event_id").asString("")).isEmpty();
        assertThat(unreadable.path("size_bytes").asInt()).isEqualTo(secretish.length());
        assertThat(lacking.path("event_id").asString()).isEqualTo(orgless);
        assertThat(lacking.path("error").asString()).contains(orgless).contains("org_id");
        assertThat(listed.toString()).doesNotContain("4111");

        // when one is replayed, it is published again, fails again, and is kept again from its new offset
        TestHttp.Response replayed =
                http.post(PATH + "/" + lacking.path("id").asString() + "/replay", org.admin(), null);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().path("replay_count").asInt()).isEqualTo(1);
        assertThat(replayed.json().path("last_replayed_at").isNull()).isFalse();
        JsonNode after = Reads.awaiting(
                http, PATH, org.admin(), page -> assertThat(page.path("data")).hasSize(3));
        assertThat(after.path("data").get(0).path("event_id").asString()).isEqualTo(orgless);
        assertThat(after.path("data").get(0).path("offset").asLong())
                .isGreaterThan(lacking.path("offset").asLong());
    }

    @Test
    void onlyTheOrgsAdminsSeeOrReplayItsDeadLetters(TestHttp http) {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        SourceEvents.publishRaw(Topics.TURNS, org.id(), "not an event".getBytes(StandardCharsets.UTF_8));
        JsonNode listed = Reads.awaiting(
                http, PATH, org.owner(), page -> assertThat(page.path("data")).hasSize(1));
        String id = listed.path("data").get(0).path("id").asString();

        assertThat(http.get(PATH, org.member()).status()).isEqualTo(403);
        assertThat(http.get(PATH, org.viewer()).status()).isEqualTo(403);
        assertThat(http.post(PATH + "/" + id + "/replay", org.member(), null).status())
                .isEqualTo(403);
        assertThat(http.get(PATH, org.apiKey("tools:read")).status()).isEqualTo(403);
        assertThat(Reads.ok(http, PATH, org.apiKey("monitoring:read")).path("data"))
                .hasSize(1);
        assertThat(http.get(PATH, null).status()).isEqualTo(401);
        // another org's admin sees none of them, and the id answers 404 there like an unknown one
        assertThat(Reads.ok(http, PATH, other.admin()).path("data")).isEmpty();
        TestHttp.Response foreign = http.post(PATH + "/" + id + "/replay", other.admin(), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("not_found");
        assertThat(http.post(PATH + "/" + Ids.generate("dlq") + "/replay", org.admin(), null)
                        .status())
                .isEqualTo(404);
        assertThat(http.post(PATH + "/not-an-id/replay", org.admin(), null).status())
                .isEqualTo(404);
        // bad paging is named
        TestHttp.Response badLimit = http.get(PATH + "?limit=0", org.admin());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.field()).isEqualTo("limit");
        TestHttp.Response badCursor = http.get(PATH + "?cursor=nonsense", org.admin());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.field()).isEqualTo("cursor");
    }

    @Test
    void aRecordWhoseKeyNamesNoOrgIsOnlyOnTheDeadLetterTopic(TestHttp http) {
        TestOrg org = TestOrg.create();
        SourceEvents.publishRaw(Topics.AUDIT, "not-an-org", "nobody's".getBytes(StandardCharsets.UTF_8));
        SourceEvents.publishRaw(Topics.AUDIT, org.id(), "the org's".getBytes(StandardCharsets.UTF_8));

        JsonNode listed = Reads.awaiting(
                http, PATH, org.admin(), page -> assertThat(page.path("data")).hasSize(1));

        assertThat(listed.path("data").get(0).path("topic").asString()).isEqualTo(Topics.AUDIT);
        assertThat(listed.path("data").get(0).path("size_bytes").asInt()).isEqualTo("the org's".length());
    }
}
