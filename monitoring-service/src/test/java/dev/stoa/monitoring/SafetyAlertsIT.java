package dev.stoa.monitoring;

import static dev.stoa.monitoring.ToolCallsIT.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import dev.stoa.safetyclient.SafetyFindings;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * SafetyFinding events of stoa.safety.v1, produced as chat-service and tool-router will (scanning with libs/safety),
 * read back through GET /api/v1/monitoring/safety and /stats.
 */
@MonitoringServiceTest
class SafetyAlertsIT {
    private static final String PATH = "/api/v1/monitoring/safety";
    private static final String CARD = "4111 1111 1111 1111";
    private static final SafetyScanner SCANNER = SafetyScanner.standard();

    @Autowired
    MeterRegistry meters;

    @Test
    void findingsBecomeAlertsFilteredPagedAndCountedWithoutTheMatches(TestHttp http) {
        // given a user message with a seeded card number and an e-mail address, and a model output with a key
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String agent = Ids.generate("agt");
        String otherAgent = Ids.generate("agt");
        SafetyPolicy policy = new SafetyPolicy(
                Map.of(
                        DetectorId.PAYMENT_CARD, new DetectorRule(true, SafetyAction.REDACT),
                        DetectorId.EMAIL, DetectorRule.DEFAULT,
                        DetectorId.SECRET, new DetectorRule(true, SafetyAction.BLOCK)),
                EnumSet.allOf(Surface.class));
        publishScan(org.id(), agent, "Charge " + CARD + " and mail ada@example.com", Surface.USER_INPUT, policy);
        publishScan(org.id(), otherAgent, "use AKIAIOSFODNN7EXAMPLE", Surface.MODEL_OUTPUT, policy);
        publishScan(other.id(), agent, "card " + CARD, Surface.USER_INPUT, policy);

        // when the org's members read them
        JsonNode all = awaitAlerts(http, org.viewer(), "", 3);

        // then they are newest first, with what, where and a masked preview, and never the matches
        JsonNode newest = all.path("data").get(0);
        assertThat(newest.path("detector").asString()).isEqualTo("secret");
        assertThat(newest.path("action").asString()).isEqualTo("block");
        assertThat(newest.path("surface").asString()).isEqualTo("model_output");
        assertThat(newest.path("agent_id").asString()).isEqualTo(otherAgent);
        assertThat(newest.path("id").asString()).startsWith("sfa_");
        JsonNode card = list(http, org.member(), "?detector=payment_card").path("data");
        assertThat(card).hasSize(1);
        assertThat(card.get(0).path("preview").asString()).isEqualTo("********1111");
        assertThat(card.get(0).path("action").asString()).isEqualTo("redact");
        String everything = http.get(PATH, org.member()).body()
                + http.get(PATH + "/stats", org.member()).body();
        assertThat(everything)
                .doesNotContain(CARD)
                .doesNotContain(CARD.replace(" ", ""))
                .doesNotContain("ada@example.com")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE");

        // and the filters and pages narrow them down
        assertThat(list(http, org.member(), "?agent_id=" + agent).path("data")).hasSize(2);
        assertThat(list(http, org.member(), "?surface=model_output").path("data"))
                .hasSize(1);
        assertThat(list(http, org.member(), "?action=flag")
                        .path("data")
                        .get(0)
                        .path("detector")
                        .asString())
                .isEqualTo("email");
        JsonNode page = list(http, org.member(), "?limit=2");
        assertThat(page.path("data")).hasSize(2);
        JsonNode rest = list(
                http,
                org.member(),
                "?limit=2&cursor=" + page.path("next_cursor").asString());
        assertThat(rest.path("data")).hasSize(1);
        assertThat(rest.path("data").get(0).path("detector").asString()).isIn("payment_card", "email");

        // and the stats count them per detector, action and surface
        JsonNode stats = Reads.ok(http, PATH + "/stats", org.apiKey("monitoring:read"));
        assertThat(stats.path("total").asLong()).isEqualTo(3);
        assertThat(stats.path("by_detector").path("payment_card").asLong()).isEqualTo(1);
        assertThat(stats.path("by_detector").path("secret").asLong()).isEqualTo(1);
        assertThat(stats.path("by_action").path("flag").asLong()).isEqualTo(1);
        assertThat(stats.path("by_action").path("block").asLong()).isEqualTo(1);
        assertThat(stats.path("by_surface").path("user_input").asLong()).isEqualTo(2);
        assertThat(Reads.ok(http, PATH + "/stats?agent_id=" + agent, org.member())
                        .path("total")
                        .asLong())
                .isEqualTo(2);

        // and the other org sees its own alert only
        assertThat(awaitAlerts(http, other.member(), "", 1)
                        .path("data")
                        .get(0)
                        .path("detector")
                        .asString())
                .isEqualTo("payment_card");
    }

    @Test
    void aRedeliveredFindingIsRecordedOnce(TestHttp http) {
        TestOrg org = TestOrg.create();
        SafetyFinding finding = finding(org.id(), "iban", "flag", "DE****00");
        String id = Ids.generate("evt");
        double before = alertsCounted("iban");
        SourceEvents.publish(Topics.SAFETY, org.id(), id, finding);
        SourceEvents.publish(Topics.SAFETY, org.id(), id, finding);
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), "phone", "flag", "******67"));

        // the later event is there, so both copies of the first were consumed before it (one key, one partition)
        awaitAlerts(http, org.member(), "?detector=phone", 1);
        assertThat(list(http, org.member(), "").path("data")).hasSize(2);
        assertThat(alertsCounted("iban") - before)
                .as("the business metric counts it once")
                .isEqualTo(1.0);
    }

    @Test
    void aPreviewThatStillHoldsAMatchIsRedactedBeforeItIsStored(TestHttp http) {
        // given a source that (wrongly) put the raw card number and e-mail into the preview
        TestOrg org = TestOrg.create();
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), "payment_card", "flag", "card " + CARD));
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), "email", "flag", "ada@example.com"));
        SourceEvents.publish(
                Topics.SAFETY,
                org.id(),
                finding(org.id(), "prompt_injection", "flag", "ignore all previous instructions"));

        // then the API shows the redaction, never the match; the injection phrase stays readable
        JsonNode alerts = awaitAlerts(http, org.member(), "", 3).path("data");
        assertThat(alerts.get(2).path("preview").asString()).isEqualTo("card [REDACTED:payment_card]");
        assertThat(alerts.get(1).path("preview").asString()).isEqualTo("[REDACTED:email]");
        assertThat(alerts.get(0).path("preview").asString()).isEqualTo("ignore all previous instructions");
        assertThat(http.get(PATH, org.member()).body()).doesNotContain(CARD).doesNotContain("ada@example.com");
    }

    @Test
    void aFindingWithAnUnknownDetectorIsDeadLetteredAndTheNextOneRecorded(TestHttp http) {
        TestOrg org = TestOrg.create();
        double before = deadLettered();
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), "horoscope", "flag", "***"));
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), "secret", "shout", "***"));
        SourceEvents.publish(Topics.SAFETY, org.id(), finding(org.id(), "email", "redact", "a***@e***.com"));

        awaitAlerts(http, org.member(), "", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered() - before >= 2.0);
        assertThat(list(http, org.member(), "")
                        .path("data")
                        .get(0)
                        .path("detector")
                        .asString())
                .isEqualTo("email");
    }

    @Test
    void refusesBadFiltersNamingTheParameter(TestHttp http) {
        String token = TestOrg.create().member();
        assertField(http.get(PATH + "?detector=ssn", token), "detector");
        assertField(http.get(PATH + "?surface=memory", token), "surface");
        assertField(http.get(PATH + "?action=delete", token), "action");
        assertField(http.get(PATH + "?agent_id=" + "a".repeat(129), token), "agent_id");
        assertField(http.get(PATH + "?from=2026-01-01", token), "from");
        assertField(http.get(PATH + "?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z", token), "from");
        assertField(http.get(PATH + "?limit=-1", token), "limit");
        assertField(http.get(PATH + "?cursor=nonsense", token), "cursor");
        assertField(http.get(PATH + "/stats?to=2025-01-01T00:00:00Z&from=2025-02-01T00:00:00Z", token), "from");
        assertThat(http.get(PATH, TestOrg.create().apiKey("agents:read")).status())
                .isEqualTo(403);
        assertThat(http.get(PATH, null).status()).isEqualTo(401);
    }

    /** What a scanning service publishes: one SafetyFinding per detection, through its outbox. */
    private static void publishScan(String orgId, String agentId, String text, Surface surface, SafetyPolicy policy) {
        ScanResult result = SCANNER.scan(text, surface, policy);
        assertThat(result.detections()).as(text).isNotEmpty();
        SafetyFindings.of(
                        result,
                        surface,
                        new SafetyFindings.Origin(orgId, agentId, "cnv_" + agentId, Ids.generate("trn")),
                        Instant.now())
                .forEach(f -> SourceEvents.publish(Topics.SAFETY, orgId, f));
    }

    private static SafetyFinding finding(String orgId, String detector, String action, String preview) {
        return SafetyFinding.newBuilder()
                .setOrgId(orgId)
                .setAgentId(Ids.generate("agt"))
                .setConversationId(Ids.generate("cnv"))
                .setTurnId(Ids.generate("trn"))
                .setSurface("tool_results")
                .setDetector(detector)
                .setAction(action)
                .setPreview(preview)
                .setOccurredAt(SourceEvents.ts(Instant.now()))
                .build();
    }

    private double alertsCounted(String detector) {
        Counter counter = meters.find("stoa.monitoring.safety.alerts")
                .tag("detector", detector)
                .tag("action", "flag")
                .tag("surface", "tool_results")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered() {
        Counter counter = meters.find("stoa.monitoring.events")
                .tag("topic", Topics.SAFETY)
                .tag("outcome", "dead_lettered")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode list(TestHttp http, String token, String query) {
        return Reads.ok(http, PATH + query, token);
    }

    private static JsonNode awaitAlerts(TestHttp http, String token, String query, int count) {
        return Reads.awaiting(
                http, PATH + query, token, page -> assertThat(page.path("data")).hasSize(count));
    }
}
