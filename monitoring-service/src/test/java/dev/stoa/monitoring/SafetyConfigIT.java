package dev.stoa.monitoring;

import static dev.stoa.monitoring.ToolCallsIT.assertField;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.id.Ids;
import dev.stoa.proto.monitoring.v1.GetPolicyRequest;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc;
import dev.stoa.proto.monitoring.v1.SafetyPoliciesGrpc.SafetyPoliciesBlockingStub;
import dev.stoa.proto.monitoring.v1.SafetyPolicy;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET/PUT /api/v1/monitoring/safety/config and the SafetyPolicies gRPC service that serves it to the scanners. */
@MonitoringServiceTest
class SafetyConfigIT {
    private static final String PATH = "/api/v1/monitoring/safety/config";
    private static final List<String> DETECTORS =
            List.of("email", "phone", "payment_card", "iban", "national_id", "secret", "prompt_injection");

    private final TestHttp http;
    private final ManagedChannel channel;

    SafetyConfigIT(TestHttp http, ManagedChannel channel) {
        this.http = http;
        this.channel = channel;
    }

    @Test
    void withoutConfigEveryDetectorFlagsOnEverySurface() {
        JsonNode config = Reads.ok(http, PATH, TestOrg.create().viewer());

        assertThat(config.path("source").asString()).isEqualTo("default");
        for (String detector : DETECTORS) {
            assertThat(config.path("detectors").path(detector).path("enabled").asBoolean())
                    .as(detector)
                    .isTrue();
            assertThat(config.path("detectors").path(detector).path("action").asString())
                    .isEqualTo("flag");
        }
        assertThat(config.path("surfaces").valueStream().map(JsonNode::asString))
                .containsExactly("user_input", "model_output", "tool_arguments", "tool_results");
    }

    @Test
    void adminsSetTheOrgPolicyAndAgentOverridesOthersDoNotSeeThem() {
        // given
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String agent = Ids.generate("agt");
        String plain = Ids.generate("agt");

        // when an admin sets the org's policy and an agent's override
        TestHttp.Response put = http.put(
                PATH,
                org.admin(),
                Map.of(
                        "detectors",
                        Map.of("payment_card", Map.of("action", "block"), "phone", Map.of("enabled", false)),
                        "surfaces",
                        List.of("user_input", "model_output")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        TestHttp.Response override = http.put(
                PATH + "?agent_id=" + agent,
                org.owner(),
                Map.of("detectors", Map.of("email", Map.of("enabled", true, "action", "redact"))));
        assertThat(override.status()).as(override.body()).isEqualTo(200);

        // then members read the org's policy, a left-out detector keeping the default rule
        JsonNode orgPolicy = Reads.ok(http, PATH, org.member());
        assertThat(orgPolicy.path("source").asString()).isEqualTo("org");
        assertThat(orgPolicy
                        .path("detectors")
                        .path("payment_card")
                        .path("action")
                        .asString())
                .isEqualTo("block");
        assertThat(orgPolicy.path("detectors").path("phone").path("enabled").asBoolean())
                .isFalse();
        assertThat(orgPolicy.path("detectors").path("iban").path("action").asString())
                .isEqualTo("flag");
        assertThat(orgPolicy.path("surfaces").valueStream().map(JsonNode::asString))
                .containsExactly("user_input", "model_output");
        assertThat(orgPolicy.path("updated_at").isMissingNode()).isFalse();

        // and the agent with an override gets it, another agent the org's
        JsonNode agentPolicy = Reads.ok(http, PATH + "?agent_id=" + agent, org.viewer());
        assertThat(agentPolicy.path("source").asString()).isEqualTo("agent");
        assertThat(agentPolicy.path("agent_id").asString()).isEqualTo(agent);
        assertThat(agentPolicy.path("detectors").path("email").path("action").asString())
                .isEqualTo("redact");
        assertThat(agentPolicy
                        .path("detectors")
                        .path("payment_card")
                        .path("action")
                        .asString())
                .isEqualTo("flag");
        assertThat(Reads.ok(http, PATH + "?agent_id=" + plain, org.viewer())
                        .path("source")
                        .asString())
                .isEqualTo("org");

        // and another org sees the default, also for that agent id
        assertThat(Reads.ok(http, PATH, other.admin()).path("source").asString())
                .isEqualTo("default");
        assertThat(Reads.ok(http, PATH + "?agent_id=" + agent, other.admin())
                        .path("source")
                        .asString())
                .isEqualTo("default");

        // and the platform services get the same effective policies over gRPC
        SafetyPolicy forAgent = asService()
                .getPolicy(GetPolicyRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .build())
                .getPolicy();
        assertThat(forAgent.getSource()).isEqualTo("agent");
        assertThat(forAgent.getDetectorsMap().get("email").getAction()).isEqualTo("redact");
        assertThat(forAgent.getDetectorsMap()).containsOnlyKeys(DETECTORS);
        SafetyPolicy forOrg = asService()
                .getPolicy(GetPolicyRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(plain)
                        .build())
                .getPolicy();
        assertThat(forOrg.getSource()).isEqualTo("org");
        assertThat(forOrg.getDetectorsMap().get("payment_card").getAction()).isEqualTo("block");
        assertThat(forOrg.getDetectorsMap().get("phone").getEnabled()).isFalse();
        assertThat(forOrg.getSurfacesList()).containsExactly("user_input", "model_output");
    }

    @Test
    void onlyAdminsAndSafetyKeysWrite() {
        TestOrg org = TestOrg.create();
        Map<String, Object> body = Map.of("detectors", Map.of("secret", Map.of("action", "block")));
        assertThat(http.put(PATH, org.member(), body).status()).isEqualTo(403);
        assertThat(http.put(PATH, org.viewer(), body).status()).isEqualTo(403);
        assertThat(http.put(PATH, org.apiKey("monitoring:read"), body).status()).isEqualTo(403);
        assertThat(http.put(PATH, org.apiKey("safety:write"), body).status()).isEqualTo(200);
        assertThat(http.get(PATH, org.apiKey("safety:write")).status()).isEqualTo(403);
        assertThat(http.get(PATH, org.apiKey("monitoring:read")).status()).isEqualTo(200);
        assertThat(http.get(PATH, null).status()).isEqualTo(401);
    }

    @Test
    void refusesUnknownDetectorsActionsAndSurfacesNamingTheField() {
        String admin = TestOrg.create().admin();
        assertField(http.put(PATH, admin, Map.of("detectors", Map.of("ssn", Map.of()))), "detectors.ssn");
        assertField(
                http.put(PATH, admin, Map.of("detectors", Map.of("email", Map.of("action", "delete")))),
                "detectors.email.action");
        assertField(http.put(PATH, admin, Map.of("surfaces", List.of("user_input", "memory"))), "surfaces[1]");
        assertField(http.put(PATH + "?agent_id=not-an-agent", admin, Map.of()), "agent_id");
        assertField(http.get(PATH + "?agent_id=agt_x", admin), "agent_id");
        assertThat(Reads.ok(http, PATH, admin).path("source").asString())
                .as("nothing was stored")
                .isEqualTo("default");
    }

    @Test
    void onlyPlatformServicesGetPoliciesOverGrpc() {
        TestOrg org = TestOrg.create();
        GetPolicyRequest request =
                GetPolicyRequest.newBuilder().setOrgId(org.id()).build();
        assertCode(
                () -> SafetyPoliciesGrpc.newBlockingStub(channel)
                        .withInterceptors(bearer(org.owner()))
                        .getPolicy(request),
                Status.Code.PERMISSION_DENIED);
        assertCode(() -> SafetyPoliciesGrpc.newBlockingStub(channel).getPolicy(request), Status.Code.UNAUTHENTICATED);
        assertCode(() -> asService().getPolicy(GetPolicyRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        assertCode(
                () -> asService()
                        .getPolicy(GetPolicyRequest.newBuilder()
                                .setOrgId(org.id())
                                .setAgentId("bogus")
                                .build()),
                Status.Code.INVALID_ARGUMENT);
        assertThat(asService().getPolicy(request).getPolicy().getSource()).isEqualTo("default");
    }

    private SafetyPoliciesBlockingStub asService() {
        return SafetyPoliciesGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))));
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }
}
