package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.CancelToolCallRequest;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.test.MutableClock;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.GrpcChannelExtension;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tools marked "approval required": calls wait for a person, through the API. */
@ToolRouterServiceTest
class ApprovalsIT {
    @LocalServerPort
    int port;

    @Test
    void aCallWaitsForApprovalAndRunsOnceApproved(TestHttp http, ManagedChannel channel) throws Exception {
        Org org = Org.create();
        String agentId = approvalAgent(http, org);
        var stub = stub(channel, org);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_pay"))) {
            sdk.register("pay", Map.of("type", "object"), Map.of());
            BlockingQueue<ToolCallUpdate> updates = new LinkedBlockingQueue<>();
            CompletableFuture<Void> done =
                    stream(stub, agentId, "trn_1", "c1", "{\"amount\":12,\"iban\":\"NO93\"}", updates);

            // the caller hears it waits, with the approval to decide
            ToolCallUpdate waiting = updates.poll(10, TimeUnit.SECONDS);
            assertThat(waiting.hasAwaitingApproval()).isTrue();
            String approvalId = waiting.getAwaitingApproval().getApprovalId();
            assertThat(waiting.getAwaitingApproval().getExpiresAtEpochMillis())
                    .isGreaterThan(System.currentTimeMillis());
            assertThat(sdk.frames.poll(300, TimeUnit.MILLISECONDS))
                    .as("no call before approval")
                    .isNull();

            // the pending approval is listed, with a preview that names the arguments but not their values
            JsonNode listed = http.get("/api/v1/tool-approvals?status=pending", org.viewer())
                    .json()
                    .path("data")
                    .get(0);
            assertThat(listed.path("id").asString()).isEqualTo(approvalId);
            assertThat(listed.path("tool_name").asString()).isEqualTo("pay");
            assertThat(listed.path("arguments_preview").asString()).isEqualTo("{amount: number, iban: string(4)}");

            // a second attempt of the same call (as after a restart of tool-router) finds the same approval
            BlockingQueue<ToolCallUpdate> retry = new LinkedBlockingQueue<>();
            CompletableFuture<Void> retried =
                    stream(stub, agentId, "trn_1", "c1", "{\"amount\":12,\"iban\":\"NO93\"}", retry);
            assertThat(retry.poll(10, TimeUnit.SECONDS).getAwaitingApproval().getApprovalId())
                    .isEqualTo(approvalId);

            // when a member approves
            TestHttp.Response approved = http.post(
                    "/api/v1/tool-approvals/" + approvalId + "/approve", org.member(), Map.of("reason", "ok"));
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().path("status").asString()).isEqualTo("approved");

            // then the call runs
            JsonNode call = sdk.next();
            sdk.send(Map.of(
                    "v", 1, "type", "result", "call_id", call.path("call_id").asString(), "result", "paid"));
            retried.get(10, TimeUnit.SECONDS);
            List<ToolCallUpdate> rest = new ArrayList<>();
            retry.drainTo(rest);
            assertThat(rest.getLast().getFinished().getStatus()).isEqualTo("succeeded");

            // deciding again is a conflict; another org cannot see it
            assertThat(http.post("/api/v1/tool-approvals/" + approvalId + "/reject", org.member(), null)
                            .status())
                    .isEqualTo(409);
            assertThat(http.get(
                                    "/api/v1/tool-approvals/" + approvalId,
                                    Org.create().member())
                            .status())
                    .isEqualTo(404);
            assertThat(http.post(
                                    "/api/v1/tool-approvals/" + approvalId + "/approve",
                                    Org.create().member(),
                                    null)
                            .status())
                    .isEqualTo(404);
            assertThat(cancel(channel, org, "trn_1", "c1")).isTrue();
            done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRejectedCallTellsTheCallerAndNeverReachesTheBackend(TestHttp http, ManagedChannel channel) throws Exception {
        Org org = Org.create();
        String agentId = approvalAgent(http, org);
        var stub = stub(channel, org);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_pay"))) {
            sdk.register("pay", Map.of("type", "object"), Map.of());
            BlockingQueue<ToolCallUpdate> updates = new LinkedBlockingQueue<>();
            CompletableFuture<Void> done = stream(stub, agentId, "trn_2", "c1", "{}", updates);
            String approvalId =
                    updates.poll(10, TimeUnit.SECONDS).getAwaitingApproval().getApprovalId();
            assertThat(http.post("/api/v1/tool-approvals/" + approvalId + "/approve", org.viewer(), null)
                            .status())
                    .isEqualTo(403);
            assertThat(http.post(
                                    "/api/v1/tool-approvals/" + approvalId + "/reject",
                                    org.member(),
                                    Map.of("reason", "x".repeat(501)))
                            .status())
                    .isEqualTo(400);
            assertThat(http.post(
                                    "/api/v1/tool-approvals/" + approvalId + "/reject",
                                    org.member(),
                                    Map.of("reason", "too much"))
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("rejected");
            done.get(10, TimeUnit.SECONDS);
            ToolCallUpdate finished = updates.stream()
                    .filter(ToolCallUpdate::hasFinished)
                    .findFirst()
                    .orElseThrow();
            assertThat(finished.getFinished().getStatus()).isEqualTo("rejected");
            assertThat(finished.getFinished().getError().getCode()).isEqualTo("approval_rejected");
            assertThat(sdk.frames).isEmpty();
        }
        assertThat(http.get("/api/v1/tool-approvals?status=maybe", org.member()).status())
                .isEqualTo(400);
    }

    @Test
    void anApprovalNobodyDecidesExpires(TestHttp http, ManagedChannel channel, MutableClock clock) throws Exception {
        Org org = Org.create();
        String agentId = approvalAgent(http, org);
        var stub = stub(channel, org);
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_pay"))) {
            sdk.register("pay", Map.of("type", "object"), Map.of());
            BlockingQueue<ToolCallUpdate> updates = new LinkedBlockingQueue<>();
            stream(stub, agentId, "trn_3", "c1", "{}", updates);
            String approvalId =
                    updates.poll(10, TimeUnit.SECONDS).getAwaitingApproval().getApprovalId();
            clock.advance(Duration.ofMinutes(11));
            assertThat(http.get("/api/v1/tool-approvals/" + approvalId, org.member())
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("expired");
            TestHttp.Response late = http.post("/api/v1/tool-approvals/" + approvalId + "/approve", org.member(), null);
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("approval_not_pending");
            assertThat(cancel(channel, org, "trn_3", "c1")).isTrue();
        }
    }

    static boolean cancel(ManagedChannel channel, Org org, String turnId, String callId) {
        return ToolRouterServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcChannelExtension.bearer(org.member()))
                .cancelToolCall(CancelToolCallRequest.newBuilder()
                        .setCallId(callId)
                        .setTurnId(turnId)
                        .build())
                .getCancelled();
    }

    static String approvalAgent(TestHttp http, Org org) {
        String agentId = org.announceAgent();
        SdkProtocolIT.awaitAgent(http, org, agentId);
        TestHttp.Response config = http.patch(
                "/api/v1/agents/" + agentId + "/tool-config",
                org.member(),
                Map.of("overrides", Map.of("pay", Map.of("approval_required", true))));
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        return agentId;
    }

    static ToolRouterServiceGrpc.ToolRouterServiceStub stub(ManagedChannel channel, Org org) {
        return ToolRouterServiceGrpc.newStub(channel).withInterceptors(GrpcChannelExtension.bearer(org.member()));
    }

    static CompletableFuture<Void> stream(
            ToolRouterServiceGrpc.ToolRouterServiceStub stub,
            String agentId,
            String turnId,
            String callId,
            String args,
            BlockingQueue<ToolCallUpdate> updates) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        stub.invokeTool(
                InvokeToolRequest.newBuilder()
                        .setContext(CallContext.newBuilder().setAgentId(agentId).setTurnId(turnId))
                        .setCallId(callId)
                        .setToolName("pay")
                        .setArgumentsJson(args)
                        .build(),
                new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(ToolCallUpdate update) {
                        updates.add(update);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        return done;
    }
}
