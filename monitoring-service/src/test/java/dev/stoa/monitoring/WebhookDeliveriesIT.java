package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.events.Topics;
import dev.stoa.monitoring.delivery.WebhookDeliveryWorker;
import dev.stoa.monitoring.domain.WebhookDeliveries;
import dev.stoa.monitoring.domain.port.DeliveryQueue;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.Surface;
import dev.stoa.safetyclient.SafetyFindings;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Webhook deliveries end to end: fed by events on Kafka, sent over real HTTP to a receiver on 127.0.0.1 that verifies
 * the signature as docs/webhooks.md tells integrators to; retries, disabling and several workers sharing the queue.
 */
@MonitoringServiceTest
class WebhookDeliveriesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static WebhookReceiver receiver;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebhookDeliveries deliveries;

    @Autowired
    DeliveryQueue queue;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversATurnOnceWithASignatureTheReceiverVerifies(TestHttp http) throws Exception {
        // given a webhook for completed turns
        TestOrg org = TestOrg.create();
        JsonNode created = WebhooksIT.create(http, org.admin(), receiver.url("/turns"), List.of("turn.completed"));
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");

        // when a turn finishes, and its event is delivered again by Kafka, then another turn finishes
        String eventId = "evt_" + org.id();
        var turn = SourceEvents.turn(org.id(), "agt_1", "gpt-x", 10, 5, 700, Instant.now())
                .build();
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
        SourceEvents.publish(Topics.TURNS, org.id(), eventId, turn);
        String second = SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                SourceEvents.turn(org.id(), "agt_1", "gpt-x", 1, 1, 1, Instant.now())
                        .setOutcome("failed")
                        .build());
        String third = SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                SourceEvents.turn(org.id(), "agt_1", "gpt-x", 1, 1, 1, Instant.now())
                        .build());

        // then the receiver gets the first and the third, once each (the failed turn is not subscribed), signed
        // and stay at that count for half a second: a duplicate would arrive right behind
        await().atMost(WAIT)
                .during(Duration.ofMillis(500))
                .until(() -> receiver.received("/turns").size() == 2);
        List<WebhookReceiver.Received> got = receiver.received("/turns");
        assertThat(got).extracting(r -> r.header("Stoa-Webhook-Id")).containsExactly(eventId, third);
        assertThat(got).extracting(r -> r.header("Stoa-Webhook-Id")).doesNotContain(second);
        WebhookReceiver.Received first = got.getFirst();
        assertThat(verify(secret, first)).isTrue();
        assertThat(verify("whsec_wrong", first)).isFalse();
        assertThat(first.header("Content-Type")).startsWith("application/json");
        JsonNode body = TestHttp.JSON.readTree(first.body());
        assertThat(body.path("id").asString()).isEqualTo(eventId);
        assertThat(body.path("type").asString()).isEqualTo("turn.completed");
        assertThat(body.path("org_id").asString()).isEqualTo(org.id());
        assertThat(body.path("created_at").asString()).endsWith("Z");
        assertThat(body.path("data").path("turn_id").asString()).isEqualTo(turn.getTurnId());
        assertThat(body.path("data").path("cost_micros").asLong()).isEqualTo(700);
        assertThat(body.path("data").has("assistant_message")).isFalse();

        // and the delivery log shows both, succeeded on the first attempt, without the secret
        String webhookId = created.path("id").asString();
        TestHttp.Response log = http.get("/api/v1/webhooks/" + webhookId + "/deliveries", org.member());
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        assertThat(log.body()).doesNotContain(secret);
        JsonNode entries = log.json().path("data");
        assertThat(entries).hasSize(2);
        for (JsonNode entry : entries) {
            assertThat(entry.path("status").asString()).isEqualTo("succeeded");
            assertThat(entry.path("attempts").asInt()).isEqualTo(1);
            assertThat(entry.path("last_status_code").asInt()).isEqualTo(200);
            assertThat(entry.path("event_type").asString()).isEqualTo("turn.completed");
        }
        TestHttp.Response page = http.get("/api/v1/webhooks/" + webhookId + "/deliveries?limit=1", org.member());
        assertThat(page.json().path("data")).hasSize(1);
        assertThat(page.json().path("next_cursor").asString()).isNotBlank();
    }

    @Test
    void deliversABudgetThresholdOncePerCrossing(TestHttp http) throws Exception {
        // given a webhook for budget thresholds, and an agent with a 1,000 micro-USD monthly budget
        TestOrg org = TestOrg.create();
        JsonNode created = WebhooksIT.create(http, org.admin(), receiver.url("/budget"), List.of("budget.threshold"));
        String agent = "agt_budget_" + org.id().substring(4);

        // when its turns cost 500, 400 (crossing 80 %), again 400 delivered twice by Kafka, then 300 (crossing 100 %)
        String crossing = "evt_crossing_" + org.id();
        for (long cost : new long[] {500, 400}) {
            SourceEvents.publish(
                    Topics.TURNS,
                    org.id(),
                    cost == 400 ? crossing : "evt_" + cost + "_" + org.id(),
                    SourceEvents.turn(org.id(), agent, "gpt-x", 1, 1, cost, Instant.now())
                            .setMonthlyBudgetMicros(1_000)
                            .build());
        }
        SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                crossing,
                SourceEvents.turn(org.id(), agent, "gpt-x", 1, 1, 400, Instant.now())
                        .setMonthlyBudgetMicros(1_000)
                        .build());
        SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                SourceEvents.turn(org.id(), agent, "gpt-x", 1, 1, 300, Instant.now())
                        .setMonthlyBudgetMicros(1_000)
                        .build());

        // then the receiver gets one signed budget.threshold per threshold, 80 then 100
        // and stay at that count for half a second: a duplicate would arrive right behind
        await().atMost(WAIT)
                .during(Duration.ofMillis(500))
                .until(() -> receiver.received("/budget").size() == 2);
        List<WebhookReceiver.Received> got = receiver.received("/budget");
        assertThat(got).hasSize(2);
        assertThat(verify(created.path("secret").asString(), got.getFirst())).isTrue();
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (WebhookReceiver.Received r : got) {
            bodies.add(TestHttp.JSON.readTree(r.body()));
        }
        assertThat(bodies).allSatisfy(b -> {
            assertThat(b.path("type").asString()).isEqualTo("budget.threshold");
            assertThat(b.path("data").path("agent_id").asString()).isEqualTo(agent);
            assertThat(b.path("data").path("budget_micros").asLong()).isEqualTo(1_000);
        });
        assertThat(bodies)
                .extracting(b -> b.path("data").path("threshold_percent").asInt())
                .containsExactlyInAnyOrder(80, 100);
        assertThat(bodies)
                .extracting(b -> b.path("data").path("spent_micros").asLong())
                .containsExactlyInAnyOrder(900L, 1_200L);
    }

    @Test
    void deliversSafetyAlertsAndApprovalRequestsOnceEachWithoutTheText(TestHttp http) throws Exception {
        // given a webhook for safety alerts and approval requests
        TestOrg org = TestOrg.create();
        JsonNode created = WebhooksIT.create(
                http, org.admin(), receiver.url("/attention"), List.of("safety.alert", "approval.requested"));

        // when a tool result with a card number is flagged, and a call awaits approval, each event delivered twice
        String card = "4111 1111 1111 1111";
        SafetyFinding finding = SafetyFindings.of(
                        SafetyScanner.standard()
                                .scan("the card is " + card, Surface.TOOL_RESULTS, SafetyPolicy.defaults()),
                        Surface.TOOL_RESULTS,
                        new SafetyFindings.Origin(org.id(), "agt_safe", "cnv_safe", "trn_safe"),
                        Instant.now())
                .getFirst();
        ApprovalRequested approval = ApprovalRequested.newBuilder()
                .setOrgId(org.id())
                .setApprovalId("apr_" + org.id().substring(4))
                .setKind("tool_call")
                .setAgentId("agt_safe")
                .setConversationId("cnv_safe")
                .setTurnId("trn_safe")
                .setToolId("tol_1")
                .setToolName("refund")
                .setArgumentsPreview("{\"amount\":12}")
                .setRequestedAt(SourceEvents.ts(Instant.parse("2026-12-03T10:00:00Z")))
                .setExpiresAt(SourceEvents.ts(Instant.parse("2026-12-03T10:15:00Z")))
                .build();
        for (int i = 0; i < 2; i++) {
            SourceEvents.publish(Topics.SAFETY, org.id(), "evt_finding_" + org.id(), finding);
            SourceEvents.publish(Topics.APPROVALS, org.id(), "evt_approval_" + org.id(), approval);
        }

        // then one signed delivery of each, which names what was found and what awaits, never the card number
        await().atMost(WAIT)
                .during(Duration.ofMillis(500))
                .until(() -> receiver.received("/attention").size() == 2);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (WebhookReceiver.Received r : receiver.received("/attention")) {
            assertThat(verify(created.path("secret").asString(), r)).isTrue();
            assertThat(r.body()).doesNotContain(card, card.replace(" ", ""));
            JsonNode body = TestHttp.JSON.readTree(r.body());
            byType.put(body.path("type").asString(), body);
        }
        JsonNode alert = byType.get("safety.alert").path("data");
        assertThat(byType.get("safety.alert").path("id").asString()).isEqualTo("evt_finding_" + org.id());
        assertThat(alert.path("alert_id").asString()).startsWith("sfa_");
        assertThat(alert.path("detector").asString()).isEqualTo("payment_card");
        assertThat(alert.path("action").asString()).isEqualTo("flag");
        assertThat(alert.path("surface").asString()).isEqualTo("tool_results");
        assertThat(alert.path("turn_id").asString()).isEqualTo("trn_safe");
        assertThat(alert.path("preview").asString()).endsWith("1111");
        JsonNode awaited = byType.get("approval.requested").path("data");
        assertThat(awaited.path("approval_id").asString()).isEqualTo(approval.getApprovalId());
        assertThat(awaited.path("tool_name").asString()).isEqualTo("refund");
        assertThat(awaited.path("arguments_preview").asString()).isEqualTo("{\"amount\":12}");
        assertThat(awaited.path("requested_at").asString()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(awaited.path("expires_at").asString()).isEqualTo("2026-12-03T10:15:00Z");
    }

    @Test
    void twoWorkersSharingTheQueueSendEachDeliveryOnce(TestHttp http) {
        // given a second worker beside the service's own, as another replica would run it
        TestOrg org = TestOrg.create();
        WebhooksIT.create(http, org.admin(), receiver.url("/shared"), List.of("turn.completed"));
        WebhookDeliveryWorker replica = new WebhookDeliveryWorker(
                deliveries, () -> queue.claim(2, Duration.ofSeconds(10)), meters, Duration.ofMillis(5));
        replica.start();
        try {
            // when twenty turns finish
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(SourceEvents.publish(
                        Topics.TURNS,
                        org.id(),
                        SourceEvents.turn(org.id(), "agt_1", "gpt-x", 1, 1, 1, Instant.now())
                                .build()));
            }

            // then each is received exactly once: the count reaches 20 and stays there for half a second: a duplicate
            // would arrive right behind
            await().atMost(WAIT)
                    .during(Duration.ofMillis(500))
                    .until(() -> receiver.received("/shared").size() == 20);
            assertThat(receiver.received("/shared"))
                    .extracting(r -> r.header("Stoa-Webhook-Id"))
                    .containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            replica.stop();
        }
    }

    @Test
    void retriesAFailingReceiverThenSucceeds(TestHttp http) {
        // given a receiver that answers 500 twice, then 200
        TestOrg org = TestOrg.create();
        double retryingBefore = count("retrying");
        double succeededBefore = count("succeeded");
        receiver.answer("/flaky", 500, 500);
        JsonNode created = WebhooksIT.create(http, org.admin(), receiver.url("/flaky"), List.of("tool_call.failed"));

        // when a tool call fails (and another succeeds, which is no tool_call.failed)
        SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), "agt_1", "weather", "succeeded", 5)
                        .build());
        String failed = SourceEvents.publish(
                Topics.TOOL_CALLS,
                org.id(),
                SourceEvents.toolCall(org.id(), "agt_1", "weather", "failed", 7).build());

        // then it is attempted three times with the same id and body, and logged as succeeded on the third
        String path = "/api/v1/webhooks/" + created.path("id").asString() + "/deliveries";
        JsonNode entry = Reads.awaiting(http, path, org.admin(), page -> assertThat(
                                page.path("data").path(0).path("status").asString())
                        .isEqualTo("succeeded"))
                .path("data")
                .path(0);
        assertThat(entry.path("attempts").asInt()).isEqualTo(3);
        assertThat(entry.path("event_id").asString()).isEqualTo(failed);
        List<WebhookReceiver.Received> got = receiver.received("/flaky");
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.header("Stoa-Webhook-Id")).containsOnly(failed);
        assertThat(got)
                .extracting(WebhookReceiver.Received::body)
                .containsOnly(got.getFirst().body());
        assertThat(TestHttp.JSON
                        .readTree(got.getFirst().body())
                        .path("data")
                        .path("status")
                        .asString())
                .isEqualTo("failed");
    }

    @Test
    void disablesAWebhookAfterRepeatedFailuresUntilReEnabled(TestHttp http) {
        // given a receiver that is down
        TestOrg org = TestOrg.create();
        double disabledBefore = count("disabled");
        receiver.alwaysAnswer("/down", 503);
        JsonNode created = WebhooksIT.create(http, org.admin(), receiver.url("/down"), List.of("turn.completed"));
        String id = created.path("id").asString();

        // when a turn's delivery keeps failing
        SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                SourceEvents.turn(org.id(), "agt_1", "gpt-x", 1, 1, 1, Instant.now())
                        .build());

        // then after four failed attempts (the test's threshold) the webhook is disabled, and the rest cancelled
        JsonNode disabled = Reads.awaiting(http, "/api/v1/webhooks/" + id, org.admin(), w -> assertThat(
                        w.path("enabled").asBoolean())
                .isFalse());
        assertThat(disabled.path("disabled_reason").asString()).contains("consecutive failed");
        JsonNode entry = Reads.awaiting(http, "/api/v1/webhooks/" + id + "/deliveries", org.admin(), page -> assertThat(
                                page.path("data").path(0).path("status").asString())
                        .isEqualTo("cancelled"))
                .path("data")
                .path(0);
        assertThat(entry.path("attempts").asInt()).isEqualTo(4);
        assertThat(entry.path("last_status_code").asInt()).isEqualTo(503);
        assertThat(receiver.received("/down")).hasSize(4);
        assertThat(count("disabled") - disabledBefore).isEqualTo(1);

        // and PATCH enabled=true turns it back on
        TestHttp.Response enabled = http.patch("/api/v1/webhooks/" + id, org.admin(), Map.of("enabled", true));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().path("disabled_reason").isNull()
                        || enabled.json().path("disabled_reason").isMissingNode())
                .isTrue();
    }

    private double count(String outcome) {
        Counter counter = meters.find("stoa.monitoring.webhook.deliveries")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** What docs/webhooks.md tells a receiver to do: recompute the HMAC and compare in constant time. */
    private static boolean verify(String secret, WebhookReceiver.Received request) throws Exception {
        String timestamp = request.header("Stoa-Webhook-Timestamp");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
                .isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1="
                + HexFormat.of()
                        .formatHex(mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                request.header("Stoa-Webhook-Signature").getBytes(StandardCharsets.UTF_8));
    }
}
