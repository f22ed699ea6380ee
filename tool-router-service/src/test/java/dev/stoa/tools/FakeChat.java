package dev.stoa.tools;

import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.RunTurnResponse;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * chat-service's side of {@code ChatService/RunTurn} for tool-router's ITs: one real gRPC server (once per test JVM)
 * whose agents answer {@code "<agent id> says: <message>"}. Registered before Spring's extension, it points the
 * {@code chat} channel at itself.
 */
final class FakeChat implements BeforeAllCallback {
    /** Every turn request chat received, in order. */
    static final List<RunTurnRequest> TURNS = new CopyOnWriteArrayList<>();

    private static Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = ServerBuilder.forPort(0)
                    .addService(new ChatServiceGrpc.ChatServiceImplBase() {
                        @Override
                        public void runTurn(RunTurnRequest request, StreamObserver<RunTurnResponse> responses) {
                            TURNS.add(request);
                            responses.onNext(RunTurnResponse.newBuilder()
                                    .setConversationId("cnv_fake")
                                    .setTurnId("trn_fake")
                                    .setStatus("completed")
                                    .setOutputText(request.getAgentId() + " says: " + request.getMessage())
                                    .build());
                            responses.onCompleted();
                        }
                    })
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spring.grpc.client.channel.chat.target", "static://127.0.0.1:" + server.getPort());
    }
}
