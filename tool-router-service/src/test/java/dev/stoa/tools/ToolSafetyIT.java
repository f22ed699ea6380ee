package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.proto.events.v1.ToolCallEnded;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Inline safety of tool calls under the agent's policy, as monitoring ({@link FakeMonitoring}, over real gRPC) gives
 * it: a card number in the arguments or the result is flagged, redacted or blocked, and every detection is published on
 * stoa.safety.v1; a call that waits for approval is announced on stoa.approvals.v1 without its values.
 */
@ToolRouterServiceTest
class ToolSafetyIT {
    private static final String CARD = "4111 1111 1111 1111";
    private static final String NOTE = "pay with " + CARD + " today";
    private static final String ARGS = "{\"note\":\"" + NOTE + "\"}";

    @LocalServerPort
    int port;

    @Test
    void underTheDefaultPolicyACardInTheArgumentsIsFlaggedAndTheCallRuns(TestHttp http, ManagedChannel channel)
            throws Exception {
        // given an agent with the default policy (flag) and a backend tool
        Org org = Org.create();
        String agentId = org.readyAgent(http);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_flag"))) {
            sdk.register("pay", Map.of("type", "object"), Map.of());

            // when the model calls it with a card number in the arguments
            var done = SdkProtocolIT.invoke(stub(channel, org), agentId, "sf_flag", "pay", ARGS);

            // then the tool receives the arguments as sent, and the call succeeds
            JsonNode call = sdk.next();
            assertThat(call.path("arguments").path("note").asString()).isEqualTo(NOTE);
            sdk.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", "paid"));
            List<ToolCallUpdate> updates = done.get(10, TimeUnit.SECONDS);
            assertThat(updates.getLast().getFinished().getStatus()).isEqualTo("succeeded");
        }

        // and the detection is on stoa.safety.v1, keyed by the org, masked, with the call's agent and turn
        ConsumerRecord<String, byte[]> record = awaitFinding(org.id(), "tool_arguments");
        SafetyFinding finding = SafetyFinding.parseFrom(record.value());
        assertThat(record.key()).isEqualTo(org.id());
        assertThat(finding.getAgentId()).isEqualTo(agentId);
        assertThat(finding.getTurnId()).startsWith("trn_");
        assertThat(finding.getConversationId()).startsWith("cnv_");
        assertThat(finding.getDetector()).isEqualTo("payment_card");
        assertThat(finding.getAction()).isEqualTo("flag");
        assertThat(finding.getPreview()).endsWith("1111").doesNotContain(CARD);
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
                .doesNotContain(CARD)
                .doesNotContain(CARD.replace(" ", ""));
    }

    @Test
    void underABlockPolicyTheCallFailsContentBlockedAndTheToolNeverRuns(TestHttp http, ManagedChannel channel)
            throws Exception {
        Org org = Org.create();
        String agentId = agentWithPolicy(http, org, "block");
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_block"))) {
            sdk.register("pay", Map.of("type", "object"), Map.of());

            List<ToolCallUpdate> updates = SdkProtocolIT.invoke(stub(channel, org), agentId, "sf_block", "pay", ARGS)
                    .get(10, TimeUnit.SECONDS);

            // the caller hears why (the detector, never the text), and the backend heard nothing
            var finished = updates.getLast().getFinished();
            assertThat(finished.getStatus()).isEqualTo("failed");
            assertThat(finished.getError().getCode()).isEqualTo("content_blocked");
            assertThat(finished.getError().getMessage())
                    .contains("payment_card")
                    .doesNotContain("4111");
            assertThat(sdk.frames.poll(300, TimeUnit.MILLISECONDS))
                    .as("no call reaches the backend")
                    .isNull();
        }
        ToolCallEnded ended = ToolCallEnded.parseFrom(
                ToolCallEventsIT.awaitEvent(org.id(), "sf_block").value());
        assertThat(ended.getStatus()).isEqualTo("failed");
        assertThat(ended.getErrorCode()).isEqualTo("content_blocked");
        assertThat(ended.getArgumentsPreview())
                .isEqualTo("{note: string(" + "pay with [REDACTED:payment_card] today".length() + ")}");
        assertThat(actionOf(org.id(), "tool_arguments")).isEqualTo("block");
    }

    @Test
    void underARedactPolicyTheToolAndTheCallerSeeOnlyRedactedText(TestHttp http, ManagedChannel channel)
            throws Exception {
        Org org = Org.create();
        String agentId = agentWithPolicy(http, org, "redact");
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_redact"))) {
            sdk.register(
                    "pay", Map.of("type", "object", "properties", Map.of("note", Map.of("type", "string"))), Map.of());

            var done = SdkProtocolIT.invoke(stub(channel, org), agentId, "sf_redact", "pay", ARGS);

            // the tool receives the arguments with the card replaced, still valid JSON of the same shape
            JsonNode call = sdk.next();
            assertThat(call.path("arguments").path("note").asString())
                    .isEqualTo("pay with [REDACTED:payment_card] today");

            // and a result holding a card reaches the caller redacted
            sdk.send(Map.of(
                    "v",
                    1,
                    "type",
                    "result",
                    "call_id",
                    call.path("call_id").asString(),
                    "result",
                    Map.of("receipt", List.of("charged " + CARD), "amount", 12)));
            var finished = done.get(10, TimeUnit.SECONDS).getLast().getFinished();
            assertThat(finished.getStatus()).isEqualTo("succeeded");
            assertThat(SdkSocket.JSON.readTree(finished.getResultJson()))
                    .isEqualTo(SdkSocket.JSON.readTree(
                            "{\"receipt\":[\"charged [REDACTED:payment_card]\"],\"amount\":12}"));
        }
        assertThat(actionOf(org.id(), "tool_arguments")).isEqualTo("redact");
        assertThat(actionOf(org.id(), "tool_results")).isEqualTo("redact");
    }

    @Test
    void underABlockPolicyAResultWithACardIsDroppedAndTheCallFails(TestHttp http, ManagedChannel channel)
            throws Exception {
        Org org = Org.create();
        String agentId = agentWithPolicy(http, org, "block");
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_result"))) {
            sdk.register("lookup", Map.of("type", "object"), Map.of());

            var done = SdkProtocolIT.invoke(stub(channel, org), agentId, "sf_result", "lookup", "{\"id\":\"c1\"}");
            JsonNode call = sdk.next();
            sdk.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", "card " + CARD));

            var finished = done.get(10, TimeUnit.SECONDS).getLast().getFinished();
            assertThat(finished.getStatus()).isEqualTo("failed");
            assertThat(finished.getError().getCode()).isEqualTo("content_blocked");
            assertThat(finished.getResultJson()).isEmpty();
            assertThat(finished.toString()).doesNotContain("4111");
        }
        SafetyFinding finding =
                SafetyFinding.parseFrom(awaitFinding(org.id(), "tool_results").value());
        assertThat(finding.getAction()).isEqualTo("block");
        assertThat(finding.getDetector()).isEqualTo("payment_card");
    }

    @Test
    void aCallAwaitingApprovalIsAnnouncedWithoutItsValues(TestHttp http, ManagedChannel channel) throws Exception {
        // given an agent whose tool "pay" requires approval
        Org org = Org.create();
        String agentId = ApprovalsIT.approvalAgent(http, org);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_approve"))) {
            sdk.register("pay", Map.of("type", "object"), Map.of());
            BlockingQueue<ToolCallUpdate> updates = new LinkedBlockingQueue<>();

            // when it is called with a card number in the arguments
            CompletableFuture<Void> done =
                    ApprovalsIT.stream(ApprovalsIT.stub(channel, org), agentId, "trn_sf_apr", "c1", ARGS, updates);
            String approvalId =
                    updates.poll(10, TimeUnit.SECONDS).getAwaitingApproval().getApprovalId();

            // then approval.requested is on stoa.approvals.v1, keyed by the org, with a preview and no value
            ConsumerRecord<String, byte[]> record = TopicReader.first("stoa.approvals.v1", r -> approval(r)
                    .filter(a -> a.getApprovalId().equals(approvalId))
                    .isPresent());
            ApprovalRequested requested = ApprovalRequested.parseFrom(record.value());
            assertThat(record.key()).isEqualTo(org.id());
            assertThat(requested.getOrgId()).isEqualTo(org.id());
            assertThat(requested.getKind()).isEqualTo("tool_call");
            assertThat(requested.getAgentId()).isEqualTo(agentId);
            assertThat(requested.getTurnId()).isEqualTo("trn_sf_apr");
            assertThat(requested.getToolName()).isEqualTo("pay");
            assertThat(requested.getToolId()).startsWith("tool_");
            assertThat(requested.getArgumentsPreview()).isEqualTo("{note: string(" + NOTE.length() + ")}");
            assertThat(requested.getExpiresAt().getSeconds())
                    .isEqualTo(requested.getRequestedAt().getSeconds() + 600);
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("4111")
                    .doesNotContain("pay with");

            http.post("/api/v1/tool-approvals/" + approvalId + "/reject", org.member(), null);
            done.get(10, TimeUnit.SECONDS);
        }
    }

    /** A new agent of {@code org} whose every detector takes {@code action} on every surface. */
    private static String agentWithPolicy(TestHttp http, Org org, String action) {
        String agentId = org.readyAgent(http);
        FakeMonitoring.policy(agentId, action);
        return agentId;
    }

    private static ToolRouterServiceGrpc.ToolRouterServiceBlockingStub stub(ManagedChannel channel, Org org) {
        return ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()));
    }

    /** What the policy did with the org's first finding on {@code surface}. */
    private static String actionOf(String orgId, String surface) throws InvalidProtocolBufferException {
        return SafetyFinding.parseFrom(awaitFinding(orgId, surface).value()).getAction();
    }

    private static ConsumerRecord<String, byte[]> awaitFinding(String orgId, String surface) {
        return TopicReader.first(Topics.SAFETY, r -> finding(r)
                .filter(f -> f.getOrgId().equals(orgId) && f.getSurface().equals(surface))
                .isPresent());
    }

    private static java.util.Optional<SafetyFinding> finding(ConsumerRecord<String, byte[]> record) {
        try {
            return java.util.Optional.of(SafetyFinding.parseFrom(record.value()));
        } catch (InvalidProtocolBufferException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<ApprovalRequested> approval(ConsumerRecord<String, byte[]> record) {
        try {
            return java.util.Optional.of(ApprovalRequested.parseFrom(record.value()));
        } catch (InvalidProtocolBufferException e) {
            return java.util.Optional.empty();
        }
    }
}
