package dev.stoa.chat.tools;

import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.CancelToolCallRequest;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.SelectToolsRequest;
import dev.stoa.proto.tools.v1.ToolCallFinished;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc.ToolRouterServiceBlockingStub;
import dev.stoa.providers.ToolCall;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link ToolGateway} over {@code stoa.tools.v1.ToolRouterService}. Calls carry the turn's caller token (tool-router
 * resolves the org and checks access with it); {@code InvokeTool} streams the call's lifecycle, and its final
 * {@code finished} update is the outcome. A transport failure is an error outcome, never an exception.
 */
public final class GrpcToolGateway implements ToolGateway {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ToolRouterServiceBlockingStub stub;
    private final Duration selectTimeout;
    private final Duration invokeTimeout;

    public GrpcToolGateway(Channel channel, Duration selectTimeout, Duration invokeTimeout) {
        this.stub = ToolRouterServiceGrpc.newBlockingStub(channel);
        this.selectTimeout = selectTimeout;
        this.invokeTimeout = invokeTimeout;
    }

    @Override
    public List<Tool> select(Call call, String query) {
        try {
            return as(call, selectTimeout)
                    .selectTools(SelectToolsRequest.newBuilder()
                            .setAgentId(call.agentId())
                            .setAgentVersion(call.agentVersion())
                            .setQuery(query)
                            .build())
                    .getToolsList()
                    .stream()
                    .map(spec -> new Tool(
                            spec.getName(),
                            spec.getDescription(),
                            schema(spec.getInputSchemaJson()),
                            spec.getTimeoutMs()))
                    .toList();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }

    @Override
    public Outcome invoke(Call call, ToolCall toolCall, Listener listener) {
        long started = System.nanoTime();
        try {
            Iterator<ToolCallUpdate> updates = as(call, invokeTimeout)
                    .invokeTool(InvokeToolRequest.newBuilder()
                            .setContext(context(call))
                            .setCallId(toolCall.id())
                            .setToolName(toolCall.name())
                            .setArgumentsJson(toolCall.argumentsJson())
                            .setIdempotencyKey(call.turnId() + ":" + toolCall.id())
                            .setTimeoutMs((int) invokeTimeout.toMillis())
                            .build());
            while (updates.hasNext()) {
                ToolCallUpdate update = updates.next();
                switch (update.getUpdateCase()) {
                    case STARTED ->
                        listener.started(
                                update.getStarted().getToolId(),
                                update.getStarted().getSource());
                    case AWAITING_APPROVAL ->
                        listener.awaitingApproval(
                                update.getAwaitingApproval().getApprovalId(),
                                update.getAwaitingApproval().getExpiresAtEpochMillis());
                    case FINISHED -> {
                        return outcome(update.getFinished());
                    }
                    default -> {
                        // progress: not surfaced to the model
                    }
                }
            }
            return Outcome.failure("tool_failed", "the tool router ended the call without a result", millis(started));
        } catch (StatusRuntimeException e) {
            var error = GrpcErrors.toStoaException(e);
            return Outcome.failure(error.code(), String.valueOf(error.getMessage()), millis(started));
        }
    }

    @Override
    public void cancel(Call call, String callId) {
        try {
            as(call, selectTimeout)
                    .cancelToolCall(CancelToolCallRequest.newBuilder()
                            .setCallId(callId)
                            .setTurnId(call.turnId())
                            .build());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }

    static Outcome outcome(ToolCallFinished finished) {
        boolean ok = finished.getStatus().isEmpty()
                || "ok".equals(finished.getStatus())
                || "succeeded".equals(finished.getStatus());
        if (ok && !finished.hasError()) {
            return Outcome.success(finished.getResultJson(), finished.getLatencyMs());
        }
        String code = finished.getError().getCode().isEmpty()
                ? "tool_failed"
                : finished.getError().getCode();
        return Outcome.failure(code, finished.getError().getMessage(), finished.getLatencyMs());
    }

    private ToolRouterServiceBlockingStub as(Call call, Duration deadline) {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .withInterceptors(new Bearer(call.callerToken()));
    }

    private static CallContext context(Call call) {
        return CallContext.newBuilder()
                .setAgentId(call.agentId())
                .setAgentVersion(call.agentVersion())
                .setConversationId(call.conversationId())
                .setTurnId(call.turnId())
                .setUserId(call.userId())
                .build();
    }

    private static String schema(String json) {
        return json.isBlank() ? "{\"type\":\"object\",\"properties\":{}}" : json;
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * Puts the turn's caller token on the call before the global Stoa interceptor runs, so that one (which would
     * otherwise send chat's service token from the turn's thread) leaves it as it is.
     */
    private record Bearer(String token) implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(AUTHORIZATION, "Bearer " + token);
                    super.start(listener, headers);
                }
            };
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
