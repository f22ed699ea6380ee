package dev.stoa.eval.peers;

import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.port.ChatTurns;
import dev.stoa.eval.domain.scoring.Observation;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.chat.v1.ChatServiceGrpc.ChatServiceBlockingStub;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.TurnEvent;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a case through chat-service's {@code StreamTurn} with eval's service credential, the org and the pinned
 * version; reads the answer, cost and requested tool calls from the turn's events (the SSE events of the REST API).
 */
public final class GrpcChatTurns implements ChatTurns {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatServiceBlockingStub stub;
    private final Duration timeout;

    public GrpcChatTurns(ChatServiceBlockingStub stub, Duration timeout) {
        this.stub = stub;
        this.timeout = timeout;
    }

    @Override
    public TurnOutcome run(String orgId, String agentId, int agentVersion, CaseContent content, String idempotencyKey) {
        RunTurnRequest.Builder request = RunTurnRequest.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setAgentVersion(agentVersion)
                .setIdempotencyKey(idempotencyKey);
        if (content.input() != null) {
            request.setMessage(content.input());
        }
        if (content.inputJson() != null) {
            // a typed turn: chat checks the input against the version's input schema and asks for a JSON answer
            request.setInputJson(content.inputJson());
        }
        if (content.contextJson() != null) {
            request.setContext(Structs.of(JSON.readTree(content.contextJson())));
        }
        String status = "failed";
        String turnId = null;
        String output = "";
        long cost = 0;
        String errorCode = "no_outcome";
        List<Observation.ToolCallMade> calls = new ArrayList<>();
        try {
            Iterator<TurnEvent> events = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .streamTurn(request.build());
            while (events.hasNext()) {
                TurnEvent event = events.next();
                turnId = event.getTurnId().isEmpty() ? turnId : event.getTurnId();
                JsonNode data = JSON.readTree(event.getDataJson().isEmpty() ? "{}" : event.getDataJson());
                switch (event.getType()) {
                    case "tool_call.requested" ->
                        calls.add(new Observation.ToolCallMade(
                                data.path("name").asString(""), arguments(data.get("arguments"))));
                    case "turn.completed" -> {
                        status = "completed";
                        output = data.path("message").asString("");
                        cost = data.path("cost_micros").asLong(0);
                        errorCode = null;
                    }
                    case "turn.failed" -> {
                        status = "failed";
                        errorCode = data.path("code").asString("failed");
                    }
                    case "turn.cancelled" -> {
                        status = "cancelled";
                        errorCode = "cancelled";
                    }
                    default -> {
                        // deltas, usage, tool progress: only the outcome and the requested calls are scored
                    }
                }
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
        return new TurnOutcome(status, turnId, output, List.copyOf(calls), cost, errorCode);
    }

    private static JsonNode arguments(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return JSON.createObjectNode();
        }
        // arguments may arrive as JSON text rather than an object
        return node.isString() ? JSON.readTree(node.asString()) : node;
    }
}
