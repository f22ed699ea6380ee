package dev.stoa.chat.api.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.stoa.chat.domain.ChatService;
import dev.stoa.chat.domain.ChatService.ChatInput;
import dev.stoa.chat.domain.ChatService.Started;
import dev.stoa.chat.domain.EventFollower;
import dev.stoa.chat.domain.InvokeService;
import dev.stoa.chat.domain.model.EventTypes;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.RunTurnResponse;
import dev.stoa.proto.chat.v1.TurnEvent;
import dev.stoa.proto.chat.v1.TurnUsage;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code stoa.chat.v1.ChatService} for internal callers (eval, workflow): the same turns as the REST chat, run to
 * their end ({@code RunTurn}) or streamed event by event ({@code StreamTurn}). A service token names the org in the
 * request; a user's token acts in its own org.
 */
@Service
public final class ChatGrpcService extends ChatServiceGrpc.ChatServiceImplBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE = 32_000;

    private final ChatService chat;
    private final InvokeService invoke;

    public ChatGrpcService(ChatService chat, InvokeService invoke) {
        this.chat = chat;
        this.invoke = invoke;
    }

    @Override
    public void runTurn(RunTurnRequest request, StreamObserver<RunTurnResponse> responses) {
        Started started = start(request);
        RunTurnResponse.Builder out = RunTurnResponse.newBuilder()
                .setConversationId(started.conversationId())
                .setTurnId(String.valueOf(started.turnId()));
        follow(started, event -> {
            JsonNode data = JSON.readTree(event.data());
            switch (event.type()) {
                case EventTypes.CONVERSATION ->
                    out.setAgentVersion(data.path("agent_version").asInt());
                case EventTypes.USAGE ->
                    out.setUsage(TurnUsage.newBuilder()
                            .setInputTokens(data.path("input_tokens").asLong())
                            .setOutputTokens(data.path("output_tokens").asLong())
                            .setProviderId(data.path("provider_id").asString(""))
                            .setModel(data.path("model").asString("")));
                case EventTypes.TURN_COMPLETED -> {
                    out.setStatus("completed")
                            .setOutputText(data.path("message").asString(""));
                    if (!request.getInputJson().isEmpty()) {
                        out.setOutputJson(outputJson(out.getOutputText()));
                    }
                    out.setUsage(out.getUsage().toBuilder()
                            .setCostMicros(data.path("cost_micros").asLong())
                            .setToolCalls(data.path("tool_calls").asInt()));
                }
                case EventTypes.TURN_FAILED ->
                    out.setStatus("failed")
                            .setErrorCode(data.path("code").asString(""))
                            .setErrorMessage(data.path("message").asString(""));
                case EventTypes.TURN_CANCELLED -> out.setStatus("cancelled");
                default -> {
                    // deltas and tool calls: only the outcome matters here
                }
            }
        });
        responses.onNext(out.build());
        responses.onCompleted();
    }

    @Override
    public void streamTurn(RunTurnRequest request, StreamObserver<TurnEvent> responses) {
        Started started = start(request);
        ServerCallStreamObserver<TurnEvent> stream = (ServerCallStreamObserver<TurnEvent>) responses;
        follow(started, event -> {
            if (stream.isCancelled()) {
                throw new IOException("the caller went away");
            }
            stream.onNext(TurnEvent.newBuilder()
                    .setConversationId(started.conversationId())
                    .setTurnId(event.turnId())
                    .setSequence(event.seq())
                    .setType(event.type())
                    .setDataJson(event.data())
                    .build());
        });
        if (!stream.isCancelled()) {
            responses.onCompleted();
        }
    }

    private Started start(RunTurnRequest request) {
        boolean typed = !request.getInputJson().isEmpty();
        if (!typed && (request.getMessage().isBlank() || request.getMessage().length() > MAX_MESSAGE)) {
            throw new InvalidInputException("message", "must be 1 to " + MAX_MESSAGE + " characters");
        }
        // typed invoke: the input is checked against the version's input schema and asked for as JSON (the
        // message is ignored); the answer's schema is the caller's to check (eval's json_schema scorer)
        String message = typed ? typedMessage(request) : request.getMessage();
        JsonNode context = json(request.getContext());
        return chat.start(
                GrpcPrincipal.current(),
                request.getAgentId(),
                new ChatInput(
                        request.getOrgId(),
                        request.getAgentVersion(),
                        message,
                        request.getConversationId().isEmpty() ? null : request.getConversationId(),
                        request.getUserId(),
                        context,
                        request.getIdempotencyKey().isEmpty() ? null : request.getIdempotencyKey(),
                        GrpcPrincipal.findToken().orElse(""),
                        typed ? "input_json" : "message"));
    }

    /** A typed turn's answer as JSON text (a Markdown fence dropped); empty when it is not JSON. */
    private static String outputJson(String answer) {
        String json = InvokeService.stripFence(answer);
        try {
            return JSON.readTree(json).toString();
        } catch (JacksonException e) {
            return "";
        }
    }

    private String typedMessage(RunTurnRequest request) {
        if (request.getInputJson().length() > MAX_MESSAGE) {
            throw new InvalidInputException("input_json", "must be at most " + MAX_MESSAGE + " characters");
        }
        JsonNode input;
        try {
            input = JSON.readTree(request.getInputJson());
        } catch (JacksonException e) {
            throw new InvalidInputException("input_json", "is not valid JSON");
        }
        return invoke.typedMessage(
                GrpcPrincipal.current(), request.getOrgId(), request.getAgentId(), request.getAgentVersion(), input);
    }

    /** A protobuf Struct as JSON (the prompt's variables). */
    static JsonNode json(Struct struct) {
        tools.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        struct.getFieldsMap().forEach((name, value) -> out.set(name, json(value)));
        return out;
    }

    private static JsonNode json(Value value) {
        var nodes = JSON.getNodeFactory();
        return switch (value.getKindCase()) {
            case STRUCT_VALUE -> json(value.getStructValue());
            case LIST_VALUE -> {
                tools.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
                for (Value item : value.getListValue().getValuesList()) {
                    array.add(json(item));
                }
                yield array;
            }
            case STRING_VALUE -> nodes.stringNode(value.getStringValue());
            case NUMBER_VALUE -> nodes.numberNode(value.getNumberValue());
            case BOOL_VALUE -> nodes.booleanNode(value.getBoolValue());
            default -> nodes.nullNode();
        };
    }

    /** What to do with each event; may throw when the caller is gone. */
    private interface EventHandler {
        void on(LoggedEvent event) throws IOException;
    }

    private void follow(Started started, EventHandler handler) {
        try {
            chat.follow(started, new EventFollower.Sink() {
                @Override
                public void send(LoggedEvent event) throws IOException {
                    handler.on(event);
                }

                @Override
                public void keepAlive() {
                    // gRPC has its own keep-alive
                }
            });
        } catch (IOException e) {
            // The caller went away; the turn runs on and stays in the log.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
