package dev.stoa.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.chat.domain.model.AgentRuntime;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.chat.domain.model.SafetyScan;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.model.TurnStatus;
import dev.stoa.chat.domain.model.UsageWindow;
import dev.stoa.chat.domain.port.AgentRuntimes;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.chat.provider.ProviderLayerModels;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.memoryclient.MemoryBlock;
import dev.stoa.memoryclient.MemoryRecall;
import dev.stoa.memoryclient.Recall;
import dev.stoa.memoryclient.RecalledFact;
import dev.stoa.providers.ProviderKind;
import dev.stoa.providers.ToolCall;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.Surface;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tool loop of the turn engine: the model (the fake provider over real HTTP) asks for tools, a fake of the
 * {@link ToolGateway} port answers, the results go back to the model, and the turn ends with its final answer.
 */
class ToolLoopTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static FakeProvider fake;

    private InMemoryConversations repository;
    private FakeTools tools;
    private TurnHub hub;

    @BeforeAll
    static void startFake() {
        fake = FakeProvider.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
        repository = new InMemoryConversations();
        tools = new FakeTools();
        hub = new TurnHub();
    }

    @Test
    void callsTheToolsTheModelAsksForAndFeedsTheResultsBack() {
        fake.script(
                Reply.toolCall("weather", "{\"city\":\"Paris\"}").withUsage(10, 3),
                Reply.text("It is sunny in Paris.").withUsage(20, 6));
        tools.answer("weather", call -> ToolGateway.Outcome.success("{\"sky\":\"sunny\"}", 4));

        TurnResult result = run(engine(8), "Weather in Paris?");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.assistantMessage()).isEqualTo("It is sunny in Paris.");
        assertThat(result.toolCalls()).isEqualTo(1);
        assertThat(result.inputTokens()).isEqualTo(30);
        assertThat(result.outputTokens()).isEqualTo(9);
        assertThat(repository.types())
                .containsSubsequence(
                        "conversation",
                        "turn.started",
                        "tool_call.requested",
                        "tool_call.started",
                        "tool_call.finished",
                        "text.delta",
                        "usage",
                        "turn.completed");
        JsonNode finished = data("tool_call.finished");
        assertThat(finished.path("status").asString()).isEqualTo("ok");
        assertThat(finished.path("result").path("sky").asString()).isEqualTo("sunny");
        // The second model call saw the tool's result, answering the call by its id.
        JsonNode second = fake.requests().getLast().body().path("messages");
        JsonNode toolMessage = second.get(second.size() - 1);
        assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
        assertThat(toolMessage.path("content").asString()).isEqualTo("{\"sky\":\"sunny\"}");
        assertThat(fake.requests()
                        .getFirst()
                        .body()
                        .path("tools")
                        .get(0)
                        .path("function")
                        .path("name")
                        .asString())
                .isEqualTo("weather");
    }

    @Test
    void recallsMemoryOnceATurnAndEveryStepSeesTheFacts() {
        fake.script(Reply.toolCall("weather", "{\"city\":\"Paris\"}"), Reply.text("It is sunny where you live."));
        tools.answer("weather", call -> ToolGateway.Outcome.success("{\"sky\":\"sunny\"}", 4));
        AtomicInteger recalls = new AtomicInteger();
        RecalledFact paris = new RecalledFact("fct_paris", "The user lives in Paris", "personal", 0.9, 0.7, null);
        MemoryRecall memory = (org, agent, user, message) -> {
            recalls.incrementAndGet();
            return new Recall(true, true, List.of(paris));
        };

        TurnResult result = run(
                engine(repository, tools, hub, OutboundPolicy.LOOPBACK, 8, Duration.ofSeconds(5), memory),
                "Weather where I live?");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(recalls).as("once per turn, not per step").hasValue(1);
        assertThat(fake.requests()).hasSize(2).allSatisfy(request -> assertThat(
                        request.body().path("messages").get(0).path("content").asString())
                .isEqualTo("You are helpful.\n\n" + MemoryBlock.render(List.of(paris))));
        assertThat(data("turn.started").path("memory").path("fact_ids").get(0).asString())
                .isEqualTo("fct_paris");
    }

    @Test
    void runsTheToolLoopOverTheAnthropicProtocolAndCostsTheTurn() {
        // Anthropic streams the call as a tool_use content block whose input arrives in input_json_delta pieces.
        fake.script(
                Reply.text("Let me check.")
                        .thenToolCall("weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")
                        .withUsage(40, 12),
                Reply.text("Sunny, 21 degrees.").withUsage(80, 9));
        tools.answer("weather", call -> ToolGateway.Outcome.success("{\"sky\":\"sunny\",\"celsius\":21}", 3));
        // Claude 3.5 Haiku's list prices: 0.80 / 4.00 USD per million tokens.
        ModelTarget claude = new ModelTarget(
                "prv_claude",
                ProviderKind.ANTHROPIC,
                fake.baseUrl(),
                "claude-3-5-haiku-latest",
                "k",
                200_000,
                800_000,
                4_000_000);

        TurnResult result = run(engine(8), runtime(claude), "Weather in Paris?");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.assistantMessage()).isEqualTo("Sunny, 21 degrees.");
        assertThat(result.toolCalls()).isEqualTo(1);
        assertThat(result.providerId()).isEqualTo("prv_claude");
        assertThat(result.model()).isEqualTo("claude-3-5-haiku-latest");
        assertThat(result.inputTokens()).isEqualTo(120);
        assertThat(result.outputTokens()).isEqualTo(21);
        // (40 x 0.80 + 12 x 4.00) + (80 x 0.80 + 9 x 4.00) micro-USD
        assertThat(result.costMicros()).isEqualTo(80 + 100);
        JsonNode requested = data("tool_call.requested");
        assertThat(requested.path("name").asString()).isEqualTo("weather");
        assertThat(requested.path("arguments").path("city").asString()).isEqualTo("Paris");
        assertThat(requested.path("arguments").path("unit").asString()).isEqualTo("celsius");
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/messages"));
        JsonNode first = fake.requests().getFirst().body();
        assertThat(first.path("system").toString()).contains("You are helpful.");
        assertThat(first.path("tools").get(0).path("name").asString()).isEqualTo("weather");
        // The second call carries the assistant's tool_use block and the tool's result answering it by id.
        JsonNode messages = fake.requests().getLast().body().path("messages");
        JsonNode toolUse = null;
        for (JsonNode block : messages.get(messages.size() - 2).path("content")) {
            if (block.path("type").asString().equals("tool_use")) {
                toolUse = block;
            }
        }
        assertThat(toolUse).as("the assistant's tool_use block").isNotNull();
        assertThat(toolUse.path("input").path("city").asString()).isEqualTo("Paris");
        JsonNode toolResult = messages.get(messages.size() - 1).path("content").get(0);
        assertThat(toolResult.path("type").asString()).isEqualTo("tool_result");
        assertThat(toolResult.path("tool_use_id").asString())
                .isEqualTo(toolUse.path("id").asString())
                .isEqualTo(requested.path("call_id").asString());
        assertThat(toolResult.toString()).contains("sunny");
    }

    @Test
    void runsParallelToolCallsInParallel() {
        fake.script(Reply.toolCall("slow", "{\"n\":1}").thenToolCall("slow", "{\"n\":2}"), Reply.text("Both done."));
        CountDownLatch bothRunning = new CountDownLatch(2);
        tools.answer("slow", call -> {
            bothRunning.countDown();
            try {
                // Each call waits for the other: only calls running at the same time finish.
                boolean together = bothRunning.await(5, TimeUnit.SECONDS);
                return together
                        ? ToolGateway.Outcome.success("\"done\"", 1)
                        : ToolGateway.Outcome.failure("not_parallel", "ran alone", 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolGateway.Outcome.failure("interrupted", "interrupted", 1);
            }
        });

        TurnResult result = run(engine(8), "Do both");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.toolCalls()).isEqualTo(2);
        assertThat(repository.events.stream()
                        .filter(e -> e.type().equals("tool_call.finished"))
                        .map(e -> JSON.readTree(e.data()).path("status").asString()))
                .containsExactly("ok", "ok");
    }

    @Test
    void aFailingOrSlowToolIsAnErrorTheModelSeesNotAFailedTurn() {
        fake.script(
                Reply.toolCall("broken", "{}").thenToolCall("sleepy", "{}"), Reply.text("Sorry, the tools failed."));
        tools.answer("broken", call -> {
            throw new IllegalStateException("boom");
        });
        tools.answer("sleepy", call -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ToolGateway.Outcome.success("\"late\"", 5_000);
        });

        TurnResult result = run(engine(8, Duration.ofMillis(300)), "Try them");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.assistantMessage()).isEqualTo("Sorry, the tools failed.");
        List<String> codes = repository.events.stream()
                .filter(e -> e.type().equals("tool_call.finished"))
                .map(e -> JSON.readTree(e.data()).path("error").path("code").asString())
                .toList();
        assertThat(codes).containsExactly("tool_failed", "tool_timeout");
        String toolMessages = fake.requests().getLast().body().path("messages").toString();
        assertThat(toolMessages).contains("tool_failed").contains("tool_timeout");
    }

    @Test
    void stopsOfferingToolsAtTheStepLimitAndEndsWithTheModelsAnswer() {
        fake.script(
                Reply.toolCall("again", "{}"),
                Reply.toolCall("again", "{}"),
                Reply.text("Giving up on tools: here is what I know."));
        tools.answer("again", call -> ToolGateway.Outcome.success("{}", 1));

        TurnResult result = run(engine(3), "Loop");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.stepLimitReached()).isTrue();
        assertThat(result.toolCalls()).isEqualTo(2);
        assertThat(fake.requests()).hasSize(3);
        assertThat(fake.requests().getLast().body().path("tools").isMissingNode()
                        || fake.requests().getLast().body().path("tools").isEmpty())
                .isTrue();
    }

    @Test
    void aTurnWithoutToolsNeverCallsTheRouterToRunOne() {
        fake.script(Reply.text("Plain answer."));
        tools.offerNothing = true;

        TurnResult result = run(engine(8), "Hi");

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.toolCalls()).isZero();
        assertThat(tools.invoked).isEmpty();
    }

    @Test
    void anAnswerThePolicyBlocksIsWithheldAndItsToolCallsAreNotRun() {
        fake.script(Reply.text("Card 4111 1111 1111 1111 it is.").thenToolCall("weather", "{\"city\":\"Paris\"}"));
        tools.answer("weather", call -> ToolGateway.Outcome.success("{}", 1));
        SafetyPolicy blockCards = policy(DetectorId.PAYMENT_CARD, SafetyAction.BLOCK);

        TurnResult result = run(repository, hub, engine(8), runtime(), "Which card?", blockCards);

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.assistantMessage()).isEqualTo(TurnSafety.WITHHELD);
        assertThat(tools.invoked).isEmpty();
        assertThat(repository.events.stream().map(LoggedEvent::type))
                .doesNotContain("tool_call.requested")
                .containsOnlyOnce("text.delta");
        assertThat(data("text.delta").path("text").asString()).isEqualTo(TurnSafety.WITHHELD);
    }

    @Test
    void aFlaggingPolicyStreamsTheAnswerAsItComes() {
        fake.script(Reply.text("Card 4111 1111 1111 1111 it is."));

        TurnResult result = run(repository, hub, engine(8), runtime(), "Which card?", SafetyPolicy.defaults());

        assertThat(result.assistantMessage()).isEqualTo("Card 4111 1111 1111 1111 it is.");
        assertThat(repository.events.stream().filter(e -> e.type().equals("text.delta")))
                .hasSizeGreaterThan(1);
    }

    /** Model output only: every detector flags, except {@code detector}, which does {@code action}. */
    private static SafetyPolicy policy(DetectorId detector, SafetyAction action) {
        Map<DetectorId, DetectorRule> rules = new java.util.EnumMap<>(DetectorId.class);
        for (DetectorId id : DetectorId.values()) {
            rules.put(id, id == detector ? new DetectorRule(true, action) : DetectorRule.DEFAULT);
        }
        return new SafetyPolicy(rules, java.util.Set.of(Surface.MODEL_OUTPUT));
    }

    private TurnResult run(TurnEngine engine, String message) {
        return run(engine, runtime(), message);
    }

    private TurnResult run(TurnEngine engine, AgentRuntime runtime, String message) {
        return run(repository, hub, engine, runtime, message);
    }

    /** Runs one turn of {@code runtime} to its end and returns what the repository recorded. */
    static TurnResult run(
            InMemoryConversations repository, TurnHub hub, TurnEngine engine, AgentRuntime runtime, String message) {
        return run(repository, hub, engine, runtime, message, SafetyPolicy.defaults());
    }

    /** Runs one turn of {@code runtime} under a safety policy to its end and returns what the repository recorded. */
    static TurnResult run(
            InMemoryConversations repository,
            TurnHub hub,
            TurnEngine engine,
            AgentRuntime runtime,
            String message,
            SafetyPolicy policy) {
        Turn turn = new Turn(
                "trn_test" + System.nanoTime(),
                "org_1",
                "cnv_1",
                "agt_1",
                1,
                "usr_1",
                TurnStatus.RUNNING,
                null,
                message,
                null,
                1,
                null,
                0,
                OffsetDateTime.now(),
                null);
        TurnHub.Live live = hub.start("cnv_1", turn.id());
        engine.run(new TurnEngine.TurnRun(turn, runtime, JSON.createObjectNode(), "token", policy, live));
        return repository.results.get(turn.id());
    }

    private AgentRuntime runtime() {
        return runtime(
                new ModelTarget("prv_1", ProviderKind.OPENAI_COMPATIBLE, fake.baseUrl() + "/v1", "m", "k", 0, 0, 0));
    }

    /** An agent version on {@code model} alone, without limits or schemas. */
    static AgentRuntime runtime(ModelTarget model) {
        return new AgentRuntime("org_1", "agt_1", 1, false, "You are helpful.", List.of(model), 0, 0, 0, "", "");
    }

    private TurnEngine engine(int maxSteps) {
        return engine(maxSteps, Duration.ofSeconds(5));
    }

    private TurnEngine engine(int maxSteps, Duration toolTimeout) {
        return engine(repository, tools, hub, OutboundPolicy.LOOPBACK, maxSteps, toolTimeout);
    }

    /** A turn engine on the real provider layer, with a fake tool-router port and no events or usage reports. */
    static TurnEngine engine(
            InMemoryConversations repository,
            ToolGateway tools,
            TurnHub hub,
            OutboundPolicy outbound,
            int maxSteps,
            Duration toolTimeout) {
        return engine(
                repository,
                tools,
                hub,
                outbound,
                maxSteps,
                toolTimeout,
                (org, agent, user, message) -> Recall.unanswered());
    }

    /** As above, with long-term memory answering as {@code memory} does. */
    static TurnEngine engine(
            InMemoryConversations repository,
            ToolGateway tools,
            TurnHub hub,
            OutboundPolicy outbound,
            int maxSteps,
            Duration toolTimeout,
            MemoryRecall memory) {
        ChatSettings settings = new ChatSettings() {
            @Override
            public int maxSteps() {
                return maxSteps;
            }

            @Override
            public Duration toolTimeout() {
                return toolTimeout;
            }
        };
        return new TurnEngine(
                repository,
                new ProviderLayerModels(outbound),
                tools,
                new NoEvents(),
                new NoUsage(),
                hub,
                new TurnSafety((org, agent) -> SafetyPolicy.defaults(), SafetyScanner.standard()),
                memory,
                Clock.systemUTC(),
                settings);
    }

    /** The tool-router port, answering each tool by name. */
    static final class FakeTools implements ToolGateway {
        final Map<String, Function<ToolCall, Outcome>> answers = new ConcurrentHashMap<>();
        final List<String> invoked = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean offerNothing;

        void answer(String name, Function<ToolCall, Outcome> answer) {
            answers.put(name, answer);
        }

        @Override
        public List<Tool> select(Call call, String query) {
            if (offerNothing) {
                return List.of();
            }
            return answers.keySet().stream()
                    .map(name -> new Tool(name, "the " + name + " tool", "{\"type\":\"object\"}", 1000))
                    .toList();
        }

        @Override
        public Outcome invoke(Call call, ToolCall toolCall, Listener listener) {
            invoked.add(toolCall.name());
            listener.started("tool_" + toolCall.name(), "sdk");
            return answers.get(toolCall.name()).apply(toolCall);
        }

        @Override
        public void cancel(Call call, String callId) {}
    }

    private JsonNode data(String type) {
        LoggedEvent event = repository.events.stream()
                .filter(e -> e.type().equals(type))
                .findFirst()
                .orElseThrow();
        return JSON.readTree(event.data());
    }

    static final class NoEvents implements ChatEvents {
        @Override
        public void turnFinished(Turn turn, TurnResult result, OffsetDateTime finishedAt, long monthlyBudgetMicros) {}

        @Override
        public void conversationDeleted(
                String orgId, String agentId, String conversationId, String userId, OffsetDateTime at) {}

        @Override
        public void safetyFindings(SafetyScan scan) {}
    }

    static final class NoUsage implements AgentRuntimes {
        @Override
        public AgentRuntime serving(String orgId, String agentId, String conversationKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AgentRuntime version(String orgId, String agentId, int version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UsageWindow recordUsage(String orgId, String agentId, long requests, long tokens) {
            return new UsageWindow(Instant.now(), requests, tokens, 0, 0, null, Duration.ZERO);
        }
    }
}
