package dev.stoa.workflow.peers;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.proto.chat.v1.ChatServiceGrpc.ChatServiceBlockingStub;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.TurnEvent;
import dev.stoa.proto.tools.v1.CallContext;
import dev.stoa.proto.tools.v1.InvokeToolRequest;
import dev.stoa.proto.tools.v1.ToolCallFinished;
import dev.stoa.proto.tools.v1.ToolCallUpdate;
import dev.stoa.proto.tools.v1.ToolRouterServiceGrpc.ToolRouterServiceBlockingStub;
import dev.stoa.workflow.domain.port.StepCalls;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The peers of steps: chat-service's {@code StreamTurn} and tool-router's {@code InvokeTool} with the workflow
 * service's credential (the stubs carry it), and HTTP through the platform's SSRF-vetted client. Every call carries
 * the step attempt's idempotency key; transport failures are outcomes (retryable when the peer was unavailable or
 * slow), never exceptions.
 */
public final class GrpcStepCalls implements StepCalls {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Set<Status.Code> RETRYABLE =
            Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);
    private static final int MAX_BODY_CHARS = 1_000_000;

    private final ChatServiceBlockingStub chat;
    private final ToolRouterServiceBlockingStub tools;
    private final OkHttpClient http;
    private final OutboundPolicy policy;

    public GrpcStepCalls(
            ChatServiceBlockingStub chat,
            ToolRouterServiceBlockingStub tools,
            OkHttpClient http,
            OutboundPolicy policy) {
        this.chat = chat;
        this.tools = tools;
        this.http = http;
        this.policy = policy;
    }

    @Override
    public Outcome agentTurn(
            String orgId, String agentId, int agentVersion, String message, String idempotencyKey, Duration timeout) {
        try {
            Iterator<TurnEvent> events = chat.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .streamTurn(RunTurnRequest.newBuilder()
                            .setOrgId(orgId)
                            .setAgentId(agentId)
                            .setAgentVersion(agentVersion)
                            .setMessage(message)
                            .setIdempotencyKey(idempotencyKey)
                            .build());
            while (events.hasNext()) {
                TurnEvent event = events.next();
                JsonNode data = JSON.readTree(event.getDataJson().isEmpty() ? "{}" : event.getDataJson());
                switch (event.getType()) {
                    case "turn.completed" -> {
                        ObjectNode out = JSON.createObjectNode();
                        out.put("message", data.path("message").asString(""));
                        out.put("turn_id", event.getTurnId());
                        out.put("conversation_id", event.getConversationId());
                        out.put("cost_micros", data.path("cost_micros").asLong(0));
                        return Outcome.ok(out);
                    }
                    case "turn.failed" ->
                    // provider trouble is worth another attempt; the turn's own key makes it one turn
                    {
                        return Outcome.failed(
                                "agent turn failed: " + data.path("code").asString("failed"), true);
                    }
                    case "turn.cancelled" -> {
                        return Outcome.failed("agent turn cancelled", false);
                    }
                    default -> {
                        // deltas, tool calls, usage: only the outcome is the step's output
                    }
                }
            }
            return Outcome.failed("agent turn ended without an outcome", true);
        } catch (StatusRuntimeException e) {
            return grpcFailure("agent turn", e);
        } catch (JacksonException e) {
            return Outcome.failed("agent turn sent an event that is not JSON", false);
        }
    }

    @Override
    public Outcome tool(String orgId, String tool, JsonNode arguments, String idempotencyKey, Duration timeout) {
        try {
            Iterator<ToolCallUpdate> updates = tools.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .invokeTool(InvokeToolRequest.newBuilder()
                            .setContext(CallContext.newBuilder().setTurnId(idempotencyKey))
                            .setCallId(idempotencyKey)
                            .setToolName(tool)
                            .setArgumentsJson(arguments.toString())
                            .setIdempotencyKey(idempotencyKey)
                            .setTimeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                            .build());
            while (updates.hasNext()) {
                ToolCallUpdate update = updates.next();
                if (update.getUpdateCase() == ToolCallUpdate.UpdateCase.FINISHED) {
                    return toolOutcome(update.getFinished());
                }
            }
            return Outcome.failed("the tool router ended the call without a result", true);
        } catch (StatusRuntimeException e) {
            return grpcFailure("tool call", e);
        }
    }

    private static Outcome toolOutcome(ToolCallFinished finished) {
        if ("succeeded".equals(finished.getStatus())) {
            try {
                String result = finished.getResultJson();
                return Outcome.ok(result.isBlank() ? JSON.nullNode() : JSON.readTree(result));
            } catch (JacksonException e) {
                return Outcome.failed("the tool's result is not JSON", false);
            }
        }
        return Outcome.failed(
                "tool " + finished.getStatus() + ": " + finished.getError().getCode(),
                finished.getError().getRetryable());
    }

    @Override
    public Outcome http(String method, String url, @Nullable JsonNode body, String idempotencyKey, Duration timeout) {
        try {
            policy.checkUrl(url, "url");
        } catch (InvalidInputException e) {
            return Outcome.failed("url refused: " + e.getMessage(), false);
        }
        RequestBody payload = body == null || "GET".equals(method) || "DELETE".equals(method)
                ? null
                : RequestBody.create(body.toString(), JSON_TYPE);
        Request request = new Request.Builder()
                .url(url)
                .method(method, payload)
                .header("Idempotency-Key", idempotencyKey)
                .header("Accept", "application/json")
                .build();
        OkHttpClient client = http.newBuilder().callTimeout(timeout).build();
        try (Response response = client.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            if (!response.isSuccessful()) {
                return Outcome.failed("HTTP " + response.code(), response.code() >= 500 || response.code() == 429);
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("status", response.code());
            String truncated = text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
            try {
                out.set("body", truncated.isBlank() ? JSON.nullNode() : JSON.readTree(truncated));
            } catch (JacksonException e) {
                out.put("body", truncated);
            }
            return Outcome.ok(out);
        } catch (IOException e) {
            return Outcome.failed("HTTP call failed: " + e.getClass().getSimpleName(), true);
        }
    }

    private static Outcome grpcFailure(String what, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return Outcome.failed(
                what + " failed: " + code.name().toLowerCase(java.util.Locale.ROOT), RETRYABLE.contains(code));
    }
}
