package dev.stoa.tools.api.grpc;

import dev.stoa.common.auth.Principal;
import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.CancelToolCallRequest;
import dev.stoa.proto.tools.v1.CancelToolCallResponse;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.SelectToolsResponse;
import dev.stoa.proto.tools.v1.ToolCallAwaitingApproval;
import dev.stoa.proto.tools.v1.ToolCallFinished;
import dev.stoa.proto.tools.v1.ToolCallProgress;
import dev.stoa.proto.tools.v1.ToolCallStarted;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolError;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.proto.tools.v1.ToolSpec;
import dev.stoa.tools.domain.AgentTools;
import dev.stoa.tools.domain.CallListener;
import dev.stoa.tools.domain.ToolDispatcher;
import dev.stoa.tools.domain.model.CallOutcome;
import dev.stoa.tools.domain.model.SelectedTool;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/**
 * {@code stoa.tools.v1.ToolRouterService} for the services that run agents: the tools of a turn, and calls to them
 * streamed as started / progress / finished. The org is the caller's (chat propagates the user's or key's token).
 */
@Service
public final class ToolRouterGrpcService extends ToolRouterServiceGrpc.ToolRouterServiceImplBase {
    private final AgentTools tools;
    private final ToolDispatcher dispatcher;

    public ToolRouterGrpcService(AgentTools tools, ToolDispatcher dispatcher) {
        this.tools = tools;
        this.dispatcher = dispatcher;
    }

    @Override
    public void selectTools(SelectToolsRequest request, StreamObserver<SelectToolsResponse> responses) {
        SelectToolsResponse.Builder out = SelectToolsResponse.newBuilder();
        for (SelectedTool s : tools.select(GrpcPrincipal.current(), request.getAgentId(), request.getQuery())) {
            out.addTools(ToolSpec.newBuilder()
                    .setToolId(s.tool().id())
                    .setName(s.tool().name())
                    .setDescription(s.tool().definition().description())
                    .setInputSchemaJson(s.tool().definition().inputSchemaJson())
                    .setSource(s.tool().source())
                    .setTimeoutMs(s.timeoutMs())
                    .setApprovalRequired(s.approvalRequired())
                    .addAllTags(s.tool().definition().tags())
                    .setScore(s.score())
                    .setReason(s.reason()));
        }
        responses.onNext(out.build());
        responses.onCompleted();
    }

    @Override
    public void invokeTool(InvokeToolRequest request, StreamObserver<ToolCallUpdate> responses) {
        Principal principal = GrpcPrincipal.current();
        CallContext c = request.getContext();
        String callId = request.getCallId();
        StreamListener listener = new StreamListener(callId, responses);
        if (responses instanceof ServerCallStreamObserver<ToolCallUpdate> server) {
            server.setOnCancelHandler(() -> dispatcher.cancel(principal, callId, c.getTurnId()));
        }
        dispatcher.invoke(
                principal,
                new dev.stoa.tools.domain.model.CallContext(
                        c.getAgentId(), c.getAgentVersion(), c.getConversationId(), c.getTurnId(), c.getUserId()),
                callId,
                request.getToolName(),
                request.getArgumentsJson().isBlank() ? "{}" : request.getArgumentsJson(),
                request.getTimeoutMs(),
                listener);
    }

    @Override
    public void cancelToolCall(CancelToolCallRequest request, StreamObserver<CancelToolCallResponse> responses) {
        boolean cancelled = dispatcher.cancel(GrpcPrincipal.current(), request.getCallId(), request.getTurnId());
        responses.onNext(
                CancelToolCallResponse.newBuilder().setCancelled(cancelled).build());
        responses.onCompleted();
    }

    /** Writes a call's lifecycle to the stream; updates come from several threads, so writes are serialised. */
    private record StreamListener(String callId, StreamObserver<ToolCallUpdate> responses) implements CallListener {
        @Override
        public void started(String toolId, String source) {
            write(ToolCallUpdate.newBuilder()
                    .setCallId(callId)
                    .setStarted(ToolCallStarted.newBuilder().setToolId(toolId).setSource(source))
                    .build());
        }

        @Override
        public void awaitingApproval(String approvalId, java.time.Instant expiresAt) {
            write(ToolCallUpdate.newBuilder()
                    .setCallId(callId)
                    .setAwaitingApproval(ToolCallAwaitingApproval.newBuilder()
                            .setApprovalId(approvalId)
                            .setExpiresAtEpochMillis(expiresAt.toEpochMilli()))
                    .build());
        }

        @Override
        public void progress(double fraction, String message) {
            write(ToolCallUpdate.newBuilder()
                    .setCallId(callId)
                    .setProgress(
                            ToolCallProgress.newBuilder().setFraction(fraction).setMessage(message))
                    .build());
        }

        @Override
        public void finished(CallOutcome outcome) {
            ToolCallFinished.Builder finished =
                    ToolCallFinished.newBuilder().setStatus(outcome.status()).setLatencyMs(outcome.latencyMs());
            if (outcome.resultJson() != null) {
                finished.setResultJson(outcome.resultJson());
            }
            if (outcome.errorCode() != null) {
                finished.setError(ToolError.newBuilder()
                        .setCode(outcome.errorCode())
                        .setMessage(outcome.errorMessage() == null ? "" : outcome.errorMessage())
                        .setRetryable(outcome.retryable()));
            }
            synchronized (responses) {
                responses.onNext(ToolCallUpdate.newBuilder()
                        .setCallId(callId)
                        .setFinished(finished)
                        .build());
                responses.onCompleted();
            }
        }

        private void write(ToolCallUpdate update) {
            synchronized (responses) {
                responses.onNext(update);
            }
        }
    }
}
