package dev.stoa.chat;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Role;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.memoryclient.MemoryBlock;
import dev.stoa.memoryclient.RecalledFact;
import dev.stoa.proto.chat.v1.ChatServiceGrpc;
import dev.stoa.proto.chat.v1.RunTurnRequest;
import dev.stoa.proto.chat.v1.RunTurnResponse;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Long-term memory in chat's turns (issue 13): before each turn chat asks memory-service (a fake of its gRPC
 * {@code Memory} service over a real socket) for the user's facts, puts them into the system prompt after the agent's
 * own prompt and names them in {@code turn.started}; memory off, down or slow leaves the prompt as it was and the turn
 * runs.
 */
@ChatServiceTest
class ChatMemoryIT {
    private static final String PROMPT = "You help {{customer}}.";
    private static final String LISBON = "The user lives in Lisbon";
    private static final String TEA = "The user prefers green tea";

    private final ChatApi api;
    private final ManagedChannel channel;
    private final MeterRegistry meters;

    ChatMemoryIT(ChatApi api, ManagedChannel channel, @Autowired MeterRegistry meters) {
        this.api = api;
        this.channel = channel;
        this.meters = meters;
    }

    @AfterEach
    void releaseSlowRecalls() {
        FakeMemory.releaseSlow();
    }

    @Test
    void theUsersFactsFollowTheAgentsPromptAndTurnStartedNamesThem() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMemory.answer(
                org.id(),
                agent,
                new FakeMemory.Facts(List.of(
                        FakeMemory.fact("fct_lisbon", LISBON),
                        FakeMemory.fact("fct_tea", "The user prefers\ngreen tea"))));
        api.fake().recordRequests(true).script(Reply.text("Hello from Lisbon."));
        String user = "usr_" + org.id().substring(4);
        String token = PlatformIssuerExtension.issuer()
                .issue(Principals.user(org.id(), user, Role.MEMBER), Duration.ofMinutes(5));

        ChatApi.Stream stream = api.chat(org, token, agent, Map.of("message", "Where do I live?"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(systemPromptSent())
                .isEqualTo(
                        PROMPT + "\n\n" + MemoryBlock.render(List.of(fact("fct_lisbon", LISBON), fact("fct_tea", TEA))))
                .contains("What you remember about this user", "- " + LISBON, "- " + TEA);
        JsonNode memory = memoryUsed(stream);
        assertThat(memory.path("answered").asBoolean()).isTrue();
        assertThat(memory.path("enabled").asBoolean()).isTrue();
        assertThat(memory.path("facts").asInt()).isEqualTo(2);
        assertThat(memory.path("fact_ids").valueStream().map(JsonNode::asString))
                .containsExactly("fct_lisbon", "fct_tea");
        List<RecallRequest> asked = FakeMemory.asked(agent);
        assertThat(asked).as("one recall per turn").hasSize(1);
        assertThat(asked.getFirst().getOrgId()).isEqualTo(org.id());
        assertThat(asked.getFirst().getUserId()).isEqualTo(user);
        assertThat(asked.getFirst().getQuery()).isEqualTo("Where do I live?");
    }

    @Test
    void theInternalGrpcTurnRecallsForTheEndUserItNames() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMemory.answer(org.id(), agent, new FakeMemory.Facts(List.of(FakeMemory.fact("fct_lisbon", LISBON))));
        api.fake().recordRequests(true).script(Reply.text("Lisbon."));
        String service = PlatformIssuerExtension.issuer().issue(Principals.service("eval"));

        RunTurnResponse response = ChatServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(service))
                .runTurn(RunTurnRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setMessage("Where do I live?")
                        .setUserId("end-user-7")
                        .build());

        assertThat(response.getStatus()).isEqualTo("completed");
        assertThat(systemPromptSent()).endsWith("\n- " + LISBON);
        // The turn's user as stoa.turns.v1 carries it (an end user a service names is kept apart from platform users),
        // so memory recalls under the id it extracted the facts under.
        assertThat(FakeMemory.asked(agent).getLast().getUserId()).isEqualTo("ext:end-user-7");
    }

    @Test
    void anInvocationRecallsForItsInputToo() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMemory.answer(org.id(), agent, new FakeMemory.Facts(List.of(FakeMemory.fact("fct_lisbon", LISBON))));
        api.fake().recordRequests(true).script(Reply.text("{\"city\": \"Lisbon\"}"));

        Response answered = api.post(
                "/api/v1/agents/" + agent + "/invoke",
                org.member(),
                Map.of("input", Map.of("question", "Where do I live?")));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(systemPromptSent()).contains("\n\n" + MemoryBlock.render(List.of(fact("fct_lisbon", LISBON))));
        assertThat(FakeMemory.asked(agent)).hasSize(1);
        assertThat(FakeMemory.asked(agent).getFirst().getQuery()).contains("Where do I live?");
    }

    @Test
    void memoryTurnedOffLeavesThePromptAsItIs() {
        ChatApi.Stream stream = turnWith(new FakeMemory.Off());

        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(systemPromptSent()).isEqualTo(PROMPT);
        JsonNode memory = memoryUsed(stream);
        assertThat(memory.path("answered").asBoolean()).isTrue();
        assertThat(memory.path("enabled").asBoolean()).isFalse();
        assertThat(memory.path("fact_ids")).isEmpty();
    }

    @Test
    void memoryDownIsATurnWithoutMemory() {
        double failures = failures();

        ChatApi.Stream stream = turnWith(new FakeMemory.Down());

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(stream.text()).isEqualTo("Hi.");
        assertThat(systemPromptSent()).isEqualTo(PROMPT);
        assertThat(memoryUsed(stream).path("answered").asBoolean()).isFalse();
        assertThat(failures()).isEqualTo(failures + 1);
    }

    @Test
    void aSlowMemoryCostsTheTurnItsDeadlineAndNoMemory() {
        double failures = failures();
        long started = System.nanoTime();

        ChatApi.Stream stream = turnWith(new FakeMemory.Slow());

        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(systemPromptSent()).isEqualTo(PROMPT).doesNotContain("came too late");
        assertThat(memoryUsed(stream).path("answered").asBoolean()).isFalse();
        assertThat(failures()).isEqualTo(failures + 1);
        // The fake holds the recall for 10 s; the turn waited chat's deadline (2 s in tests), not that.
        assertThat(tookMillis).isLessThan(8_000);
    }

    /** A turn of a new agent whose memory answers {@code answer}, with "Hi." scripted as the model's reply. */
    private ChatApi.Stream turnWith(FakeMemory.Answer answer) {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        FakeMemory.answer(org.id(), agent, answer);
        api.fake().recordRequests(true).script(Reply.text("Hi."));
        return api.chat(org, org.member(), agent, Map.of("message", "Hello"));
    }

    private static JsonNode memoryUsed(ChatApi.Stream stream) {
        return stream.first("turn.started").data().path("memory");
    }

    private static RecalledFact fact(String id, String text) {
        return new RecalledFact(id, text, "personal", 0.9, 0.8, null);
    }

    private double failures() {
        var counter = meters.find("stoa.memory.recall.failures").counter();
        return counter == null ? 0 : counter.count();
    }

    private String systemPromptSent() {
        JsonNode first = api.fake().requests().getLast().body().path("messages").get(0);
        assertThat(first.path("role").asString()).isEqualTo("system");
        return first.path("content").asString();
    }
}
