package dev.stoa.chat;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.fakeprovider.Reply;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.RunTurnResponse;
import dev.stoa.proto.chat.v1.TurnEvent;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The internal gRPC Chat service (eval, workflow): a whole turn, or its events as a stream. */
@ChatServiceTest
class ChatGrpcIT {
    private final ChatApi api;
    private final ManagedChannel channel;

    ChatGrpcIT(ChatApi api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void runsATurnForAServiceNamingTheOrg() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake().script(Reply.text("Graded.").withUsage(5, 2));
        String service = PlatformIssuerExtension.issuer().issue(Principals.service("eval"));

        RunTurnResponse response = ChatServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(service))
                .runTurn(RunTurnRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setMessage("Grade this")
                        .setUserId("eval-run-1")
                        .build());

        assertThat(response.getStatus()).isEqualTo("completed");
        assertThat(response.getOutputText()).isEqualTo("Graded.");
        assertThat(response.getAgentVersion()).isEqualTo(1);
        assertThat(response.getUsage().getInputTokens()).isEqualTo(5);
        assertThat(response.getUsage().getOutputTokens()).isEqualTo(2);
        assertThat(api.get("/api/v1/conversations/" + response.getConversationId(), org.admin())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void runsATypedTurnOfAPinnedVersionCheckingTheInputAgainstItsSchema() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(
                org,
                Map.of(
                        "input_schema",
                        Map.of(
                                "type", "object",
                                "required", List.of("city"),
                                "properties", Map.of("city", Map.of("type", "string")))));
        api.fake().recordRequests(true).script(Reply.text("```json\n{\"temperature\": 21.5}\n```"));
        String service = PlatformIssuerExtension.issuer().issue(Principals.service("eval"));
        var stub = ChatServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(service));
        int before = api.fake().requestCount();

        RunTurnResponse typed = stub.runTurn(RunTurnRequest.newBuilder()
                .setOrgId(org.id())
                .setAgentId(agent)
                .setAgentVersion(1)
                .setInputJson("{\"city\":\"Paris\"}")
                .build());

        assertThat(typed.getStatus()).isEqualTo("completed");
        assertThat(typed.getOutputJson()).isEqualTo("{\"temperature\":21.5}");
        assertThat(api.fake().requests().get(before).body().toString())
                .contains("Input (JSON): {\\\"city\\\":\\\"Paris\\\"}");
        assertThatThrownBy(() -> stub.runTurn(RunTurnRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setAgentVersion(1)
                        .setInputJson("{\"city\":12}")
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThatThrownBy(() -> stub.runTurn(RunTurnRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setInputJson("{not json")
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(api.fake().requestCount())
                .as("refused inputs reach no model")
                .isEqualTo(before + 1);
    }

    @Test
    void streamsATurnsEventsForAUserAndRefusesAnotherOrg() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake().script(Reply.text("Step by step."));
        String member = org.member();

        List<TurnEvent> events = new ArrayList<>();
        ChatServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(member))
                .streamTurn(RunTurnRequest.newBuilder()
                        .setAgentId(agent)
                        .setMessage("Go")
                        .build())
                .forEachRemaining(events::add);

        assertThat(events.getFirst().getType()).isEqualTo("conversation");
        assertThat(events.getLast().getType()).isEqualTo("turn.completed");
        assertThat(events.stream().map(TurnEvent::getSequence).toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, events.size())
                        .boxed()
                        .toList());

        TestOrg other = TestOrg.create();
        assertThatThrownBy(() -> ChatServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(bearer(other.member()))
                        .runTurn(RunTurnRequest.newBuilder()
                                .setAgentId(agent)
                                .setMessage("Mine now")
                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
