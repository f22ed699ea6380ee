package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.monitoring.domain.Retention;
import dev.stoa.monitoring.domain.port.RetentionStore.Kind;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What monitoring forgets: a conversation deleted in chat (ConversationDeleted on stoa.conversations.v1) takes its tool
 * calls along, and late events of it keep nothing; and rows past their retention go, in every org, while recent ones
 * and other orgs' stay.
 */
@MonitoringServiceTest
class RetentionIT {
    private static final String CALLS = "/api/v1/monitoring/tool-calls";

    @Autowired
    Retention retention;

    @Test
    void aDeletedConversationsToolCallsAreForgottenAndItsLateEventsKeepNothing(TestHttp http) {
        // given two conversations of one org with tool calls, and a safety alert in the first
        TestOrg org = TestOrg.create();
        String gone = Ids.generate("cnv");
        String kept = Ids.generate("cnv");
        publishCall(org.id(), gone, "lookup");
        publishCall(org.id(), gone, "refund");
        publishCall(org.id(), kept, "lookup");
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), gone));
        Reads.awaiting(
                http, CALLS, org.member(), body -> assertThat(body.path("data")).hasSize(3));
        Reads.awaiting(http, "/api/v1/monitoring/safety", org.member(), body -> assertThat(body.path("data"))
                .hasSize(1));

        // when chat deletes the first (the event delivered twice), and another org names the second as its own
        ConversationDeleted deleted = deleted(org.id(), gone);
        SourceEvents.publish(Topics.CONVERSATIONS, org.id(), "evt_del_" + gone, deleted);
        SourceEvents.publish(Topics.CONVERSATIONS, org.id(), "evt_del_" + gone, deleted);
        TestOrg other = TestOrg.create();
        SourceEvents.publish(Topics.CONVERSATIONS, other.id(), deleted(other.id(), kept));

        // then only the second's call is listed; the alert stays, counted, without its preview
        Reads.awaiting(http, CALLS, org.member(), body -> assertThat(body.path("data"))
                .extracting(call -> call.path("conversation_id").asString())
                .containsExactly(kept));
        JsonNode alert = Reads.awaiting(http, "/api/v1/monitoring/safety", org.member(), body -> assertThat(
                                body.path("data").get(0).path("preview").asString())
                        .isEmpty())
                .path("data")
                .get(0);
        assertThat(alert.path("detector").asString()).isEqualTo("payment_card");

        // and a tool call and a finding of the deleted conversation that arrive late keep nothing of it
        publishCall(org.id(), gone, "late");
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), gone));
        publishCall(org.id(), kept, "after");
        Reads.awaiting(http, CALLS, org.member(), body -> assertThat(body.path("data"))
                .extracting(call -> call.path("tool_name").asString())
                .containsExactly("after", "lookup"));
        JsonNode alerts =
                Reads.awaiting(http, "/api/v1/monitoring/safety", org.member(), body -> assertThat(body.path("data"))
                        .hasSize(2));
        assertThat(alerts.path("data"))
                .allSatisfy(a -> assertThat(a.path("preview").asString()).isEmpty());
    }

    @Test
    void rowsPastTheirRetentionGoInEveryOrgAndRecentOnesStay(TestHttp http) {
        // given, in two orgs, a tool call that ended 100 days ago (past the default 90) and one that just ended
        TestOrg first = TestOrg.create();
        TestOrg second = TestOrg.create();
        Instant old = Instant.now().minus(100, ChronoUnit.DAYS);
        String oldWindow = "?from=" + old.minus(1, ChronoUnit.DAYS) + "&to=" + old.plus(1, ChronoUnit.DAYS);
        for (TestOrg org : new TestOrg[] {first, second}) {
            SourceEvents.publish(
                    Topics.TOOL_CALLS,
                    org.id(),
                    SourceEvents.toolCall(org.id(), "agt_old", "archive", "succeeded", 5)
                            .setStartedAt(SourceEvents.ts(old.minusMillis(5)))
                            .setFinishedAt(SourceEvents.ts(old))
                            .build());
            publishCall(org.id(), Ids.generate("cnv"), "recent");
            Reads.awaiting(http, CALLS + oldWindow, org.member(), body -> assertThat(body.path("data"))
                    .hasSize(1));
            Reads.awaiting(http, CALLS, org.member(), body -> assertThat(body.path("data"))
                    .hasSize(1));
        }

        // when the retention job runs (its scheduled pass, a minute after start, may have come first)
        Map<Kind, Integer> purged = retention.purgeExpired();

        // then both orgs' old calls are gone and their recent ones stay
        assertThat(purged.get(Kind.TOOL_CALLS)).isNotNegative();
        for (TestOrg org : new TestOrg[] {first, second}) {
            assertThat(Reads.ok(http, CALLS + oldWindow, org.member()).path("data"))
                    .isEmpty();
            assertThat(Reads.ok(http, CALLS, org.member()).path("data"))
                    .extracting(call -> call.path("tool_name").asString())
                    .containsExactly("recent");
        }
    }

    private static void publishCall(String orgId, String conversationId, String tool) {
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                orgId,
                SourceEvents.toolCall(orgId, "agt_1", tool, "succeeded", 3)
                        .setConversationId(conversationId)
                        .build());
    }

    private static ConversationDeleted deleted(String orgId, String conversationId) {
        return ConversationDeleted.newBuilder()
                .setOrgId(orgId)
                .setAgentId("agt_1")
                .setConversationId(conversationId)
                .setUserId("usr_1")
                .setDeletedAt(SourceEvents.ts(Instant.now()))
                .build();
    }

    private static SafetyFinding finding(String orgId, String conversationId) {
        return SafetyFinding.newBuilder()
                .setOrgId(orgId)
                .setAgentId("agt_1")
                .setConversationId(conversationId)
                .setTurnId(Ids.generate("trn"))
                .setSurface("user_input")
                .setDetector("payment_card")
                .setAction("flag")
                .setPreview("************1111")
                .setOccurredAt(SourceEvents.ts(Instant.now()))
                .build();
    }
}
