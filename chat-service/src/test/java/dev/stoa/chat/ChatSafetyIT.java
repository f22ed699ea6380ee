package dev.stoa.chat;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.events.Topics;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.safety.DetectorId;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Inline safety of chat (issue 12): a seeded card number in the user's message or the model's answer, under the
 * default policy (monitoring not answering: flag), and under policies that block or redact it, given by a fake of
 * monitoring's SafetyPolicies service over real gRPC. Findings reach stoa.safety.v1 through the outbox.
 */
@ChatServiceTest
class ChatSafetyIT {
    private static final String CARD = "4111 1111 1111 1111";
    private static final String REDACTED = "[REDACTED:payment_card]";

    private final ChatApi api;
    private final ManagedChannel channel;
    private final MeterRegistry meters;

    ChatSafetyIT(ChatApi api, ManagedChannel channel, @Autowired MeterRegistry meters) {
        this.api = api;
        this.channel = channel;
        this.meters = meters;
    }

    @Test
    void theDefaultPolicyFlagsACardNumberAndTheTurnRuns() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake().recordRequests(true).script(Reply.text("Noted."));
        double flagged = counted("user_input", "flag");

        ChatApi.Stream stream = api.chat(org, org.member(), agent, Map.of("message", "My card is " + CARD));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(lastUserMessageSent()).isEqualTo("My card is " + CARD);
        SafetyFinding finding = findings(org.id(), 1).getFirst();
        assertThat(finding.getDetector()).isEqualTo("payment_card");
        assertThat(finding.getSurface()).isEqualTo("user_input");
        assertThat(finding.getAction()).isEqualTo("flag");
        assertThat(finding.getAgentId()).isEqualTo(agent);
        assertThat(finding.getConversationId()).isEqualTo(stream.conversationId());
        assertThat(finding.getTurnId()).isEqualTo(stream.turnId());
        assertThat(finding.getPreview()).contains("*").endsWith("1111").doesNotContain(CARD);
        assertThat(finding.toString()).doesNotContain(CARD).doesNotContain(CARD.replace(" ", ""));
        assertThat(counted("user_input", "flag")).isEqualTo(flagged + 1);
    }

    @Test
    void aBlockingPolicyRefusesTheMessageAndStoresNothing() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMonitoring.policy(org.id(), agent, DetectorId.PAYMENT_CARD, "block", "user_input");
        int calls = api.fake().requestCount();

        ChatApi.Stream refused = api.chat(org, org.member(), agent, Map.of("message", "Charge " + CARD + " please"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw().headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ChatApi.JSON.readTree(refused.problem());
        assertThat(problem.path("code").asString()).isEqualTo("content_blocked");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("message");
        assertThat(refused.problem())
                .contains("payment_card")
                .doesNotContain(CARD)
                .doesNotContain("4111");
        // Nothing of the turn: no conversation, no model call.
        assertThat(api.get("/api/v1/agents/" + agent + "/conversations", org.admin())
                        .json()
                        .path("data"))
                .isEmpty();
        assertThat(api.fake().requestCount()).isEqualTo(calls);
        SafetyFinding finding = findings(org.id(), 1).getFirst();
        assertThat(finding.getAction()).isEqualTo("block");
        assertThat(finding.getSurface()).isEqualTo("user_input");
        assertThat(finding.getTurnId()).isEmpty();
        assertThat(finding.toString()).doesNotContain(CARD);

        // The internal gRPC chat refuses it the same way, with the code in the error details.
        String service = PlatformIssuerExtension.issuer().issue(Principals.service("eval"));
        assertThatThrownBy(() -> ChatServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(bearer(service))
                        .runTurn(RunTurnRequest.newBuilder()
                                .setOrgId(org.id())
                                .setAgentId(agent)
                                .setMessage("Charge " + CARD)
                                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo("content_blocked");
                    assertThat(GrpcErrors.toStoaException(e)
                                    .fieldErrors()
                                    .getFirst()
                                    .field())
                            .isEqualTo("message");
                });

        // So does invoke, naming its field.
        Response invoked =
                api.post("/api/v1/agents/" + agent + "/invoke", org.member(), Map.of("input", Map.of("card", CARD)));
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(422);
        assertThat(invoked.code()).isEqualTo("content_blocked");
        assertThat(invoked.json().path("errors").get(0).path("field").asString())
                .isEqualTo("input");
        assertThat(invoked.body()).doesNotContain(CARD);
        assertThat(api.fake().requestCount()).isEqualTo(calls);
        assertThat(findings(org.id(), 3))
                .allSatisfy(f -> assertThat(f.getAction()).isEqualTo("block"));
    }

    @Test
    void aRedactingPolicyStoresAndSendsTheRedactedMessage() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMonitoring.policy(org.id(), agent, DetectorId.PAYMENT_CARD, "redact", "user_input");
        api.fake().recordRequests(true).script(Reply.text("Understood."));
        String me = org.member();

        ChatApi.Stream stream = api.chat(org, me, agent, Map.of("message", "My card is " + CARD + ", thanks"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        String redacted = "My card is " + REDACTED + ", thanks";
        assertThat(lastUserMessageSent()).isEqualTo(redacted);
        assertThat(stream.first("turn.started").data().path("user_message").asString())
                .isEqualTo(redacted);
        JsonNode stored = storedMessages(me, stream.conversationId());
        assertThat(stored.get(0).path("content").asString()).isEqualTo(redacted);
        assertThat(stored.toString()).doesNotContain(CARD);
        TurnFinished finished = ChatIT.turnFinished(org.id(), stream.turnId());
        assertThat(finished.getUserMessage()).isEqualTo(redacted);
        assertThat(findings(org.id(), 1).getFirst().getAction()).isEqualTo("redact");
    }

    @Test
    void aPolicyRedactingModelOutputSendsTheAnswerOnceRedacted() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMonitoring.policy(org.id(), agent, DetectorId.PAYMENT_CARD, "redact", "model_output");
        api.fake().script(Reply.text("The card on file is " + CARD + " today."));
        String me = org.member();

        ChatApi.Stream stream = api.chat(org, me, agent, Map.of("message", "Which card do I use?"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        String redacted = "The card on file is " + REDACTED + " today.";
        // Held back until complete, then sent once: no piece of the number went out before the scan.
        assertThat(stream.types().stream().filter("text.delta"::equals)).hasSize(1);
        assertThat(stream.text()).isEqualTo(redacted);
        assertThat(stream.first("turn.completed").data().path("message").asString())
                .isEqualTo(redacted);
        assertThat(stream.events().toString()).doesNotContain(CARD);
        assertThat(storedMessages(me, stream.conversationId())
                        .get(1)
                        .path("content")
                        .asString())
                .isEqualTo(redacted);
        SafetyFinding finding = findings(org.id(), 1).getFirst();
        assertThat(finding.getSurface()).isEqualTo("model_output");
        assertThat(finding.getAction()).isEqualTo("redact");
        assertThat(finding.getTurnId()).isEqualTo(stream.turnId());
    }

    @Test
    void aPolicyBlockingModelOutputWithholdsTheAnswerAndEndsTheTurnNormally() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMonitoring.policy(org.id(), agent, DetectorId.PAYMENT_CARD, "block", "model_output");
        api.fake().script(Reply.text("Sure: " + CARD));
        String me = org.member();

        ChatApi.Stream stream = api.chat(org, me, agent, Map.of("message", "Read me my card"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(stream.text()).isEqualTo("[response withheld by the safety policy]");
        assertThat(stream.events().toString()).doesNotContain(CARD);
        assertThat(storedMessages(me, stream.conversationId())
                        .get(1)
                        .path("content")
                        .asString())
                .isEqualTo("[response withheld by the safety policy]");
        assertThat(findings(org.id(), 1).getFirst().getAction()).isEqualTo("block");
    }

    private double counted(String surface, String action) {
        Counter counter = meters.find("stoa.chat.safety.findings")
                .tag("surface", surface)
                .tag("action", action)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private String lastUserMessageSent() {
        JsonNode messages = api.fake().requests().getLast().body().path("messages");
        return messages.get(messages.size() - 1).path("content").asString();
    }

    private JsonNode storedMessages(String token, String conversationId) {
        Response got = api.get("/api/v1/conversations/" + conversationId, token);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json().path("messages");
    }

    private static List<SafetyFinding> findings(String orgId, int count) {
        return TopicReader.all(Topics.SAFETY, orgId, SafetyFinding.parser(), finding -> true, count);
    }
}
