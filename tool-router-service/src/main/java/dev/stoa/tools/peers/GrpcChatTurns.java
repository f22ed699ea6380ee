package dev.stoa.tools.peers;

import dev.stoa.proto.chat.v1.ChatServiceGrpc.ChatServiceBlockingStub;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.RunTurnResponse;
import dev.stoa.tools.domain.port.ChatTurns;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exposed agent's turn through chat-service's {@code RunTurn} with tool-router's service credential and the
 * org in the request (the MCP client was authorized by the gateway). A turn chat cannot run is a failed answer.
 */
public final class GrpcChatTurns implements ChatTurns {
    private final ChatServiceBlockingStub stub;

    public GrpcChatTurns(ChatServiceBlockingStub stub) {
        this.stub = stub;
    }

    @Override
    public Answer ask(
            String orgId, String agentId, String message, String userId, String idempotencyKey, Duration timeout) {
        try {
            RunTurnResponse response = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .runTurn(RunTurnRequest.newBuilder()
                            .setOrgId(orgId)
                            .setAgentId(agentId)
                            .setMessage(message)
                            .setUserId(userId)
                            .setIdempotencyKey(idempotencyKey)
                            .build());
            return new Answer(
                    response.getStatus(),
                    response.getOutputText(),
                    response.getConversationId(),
                    response.getErrorCode().isEmpty() ? null : response.getErrorCode(),
                    response.getErrorMessage().isEmpty() ? null : response.getErrorMessage());
        } catch (StatusRuntimeException e) {
            return new Answer(
                    "failed",
                    "",
                    "",
                    "chat_unavailable",
                    "chat-service could not run the turn (" + e.getStatus().getCode() + ")");
        }
    }
}
