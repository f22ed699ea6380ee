package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.chat.domain.model.TurnStatus;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.FakeProviderExtension;
import dev.stoa.test.service.TestOrg;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Tier fallback through a real turn: an agent on a tier whose first target is a second fake provider (failing as told)
 * and whose second is the JVM's fake provider. A primary that fails before its first token hands the turn to the
 * fallback; one that breaks off after streaming has begun fails the turn, and nothing is asked or charged twice.
 */
@ChatServiceTest
class ChatFallbackIT {
    /** gpt-4o-mini in the built-in catalog: 0.15 / 0.60 USD per million tokens. */
    private static final long INPUT_PRICE = 150_000;

    private static final long OUTPUT_PRICE = 600_000;
    private FakeProvider primary;

    private final ChatApi api;
    private final ConversationRepository repository;

    ChatFallbackIT(ChatApi api, @Autowired ConversationRepository repository) {
        this.api = api;
        this.repository = repository;
    }

    /** A fresh primary per test: the provider layer keeps a circuit breaker per endpoint, which must start closed. */
    @BeforeEach
    void startPrimary() {
        primary = FakeProvider.start().requireApiKey(FakeProviderExtension.API_KEY);
    }

    @AfterEach
    void stopPrimary() {
        primary.close();
    }

    /** An org with an agent on the tier [primaryUrl (gpt-4o), the JVM's fake (gpt-4o-mini)]. */
    private record Setup(TestOrg org, String agent, String primaryProvider, String fallbackProvider) {}

    private Setup tieredAgent(String primaryUrl) {
        return tieredAgent(primaryUrl, api.fake().baseUrl() + "/v1");
    }

    private Setup tieredAgent(String primaryUrl, String fallbackUrl) {
        TestOrg org = TestOrg.create();
        String first = api.provider(org, "openai", primaryUrl);
        String second = api.provider(org, "openai", fallbackUrl);
        Response tier = api.agents.post(
                "/api/v1/tiers",
                org.admin(),
                Map.of(
                        "name",
                        "smart",
                        "targets",
                        List.of(
                                Map.of("provider_id", first, "model", "gpt-4o"),
                                Map.of("provider_id", second, "model", "gpt-4o-mini"))));
        assertThat(tier.status()).as(tier.body()).isEqualTo(201);
        String agent = api.agent(org, Map.of("tier", "smart"), Map.of());
        return new Setup(org, agent, first, second);
    }

    @ParameterizedTest(name = "primary answers HTTP {0}")
    @ValueSource(ints = {500, 503})
    void aPrimaryThatFailsBeforeTheFirstTokenFallsBackToTheNextTarget(int status) {
        Setup setup = tieredAgent(primary.baseUrl() + "/v1");
        primary.failNext(status, 20);
        api.fake().script(Reply.text("Answered by the fallback.").withUsage(100, 20));

        ChatApi.Stream stream = api.chat(setup.org().member(), setup.agent(), Map.of("message", "Hello"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(stream.text()).isEqualTo("Answered by the fallback.");
        assertThat(primary.requestCount()).as("the primary was tried first").isPositive();
        assertThat(api.fake().requestCount()).isEqualTo(1);
        assertFellBackTo(setup, stream, 100, 20);
    }

    @Test
    void aPrimaryThatRefusesConnectionsFallsBackToTheNextTarget() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Setup setup = tieredAgent("http://127.0.0.1:" + closed + "/v1");
        api.fake().script(Reply.text("Still here.").withUsage(10, 3));

        ChatApi.Stream stream = api.chat(setup.org().member(), setup.agent(), Map.of("message", "Hello"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(stream.text()).isEqualTo("Still here.");
        assertFellBackTo(setup, stream, 10, 3);
    }

    @Test
    void whenEveryTargetFailsBeforeItsFirstTokenTheTurnFailsWithTheLastTargetsCode() {
        try (FakeProvider fallback = FakeProvider.start().requireApiKey("another-key")) {
            Setup setup = tieredAgent(primary.baseUrl() + "/v1", fallback.baseUrl() + "/v1");
            primary.failNext(503, 20);

            ChatApi.Stream stream = api.chat(setup.org().member(), setup.agent(), Map.of("message", "Hello"));

            assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
            assertThat(stream.types())
                    .doesNotContain("text.delta", "usage")
                    .last()
                    .isEqualTo("turn.failed");
            // The fallback refused the key (401): the turn fails with its code, a key that never reaches the events.
            assertThat(stream.first("turn.failed").data().path("code").asString())
                    .isEqualTo("provider_auth_failed");
            assertThat(stream.events().toString()).doesNotContain(FakeProviderExtension.API_KEY);
            assertThat(primary.requestCount()).isPositive();
            assertThat(fallback.requestCount()).isEqualTo(1);
            TurnFinished finished = ChatIT.turnFinished(setup.org().id(), stream.turnId());
            assertThat(finished.getOutcome()).isEqualTo("failed");
            assertThat(finished.getErrorCode()).isEqualTo("provider_auth_failed");
            assertThat(finished.getCostMicros()).isZero();
        }
    }

    private void assertFellBackTo(Setup setup, ChatApi.Stream stream, long input, long output) {
        long cost = (input * INPUT_PRICE + output * OUTPUT_PRICE + 999_999) / 1_000_000;
        JsonNode completed = stream.first("turn.completed").data();
        assertThat(completed.path("provider_id").asString()).isEqualTo(setup.fallbackProvider());
        assertThat(completed.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(completed.path("fallback_taken").asBoolean()).isTrue();
        assertThat(completed.path("cost_micros").asLong()).isEqualTo(cost).isPositive();
        JsonNode usage = stream.first("usage").data();
        assertThat(usage.path("provider_id").asString()).isEqualTo(setup.fallbackProvider());

        TurnFinished finished = ChatIT.turnFinished(setup.org().id(), stream.turnId());
        assertThat(finished.getOutcome()).isEqualTo("completed");
        assertThat(finished.getProviderId()).isEqualTo(setup.fallbackProvider());
        assertThat(finished.getModel()).isEqualTo("gpt-4o-mini");
        assertThat(finished.getFallbackTaken()).isTrue();
        assertThat(finished.getInputTokens()).isEqualTo(input);
        assertThat(finished.getOutputTokens()).isEqualTo(output);
        assertThat(finished.getCostMicros()).isEqualTo(cost);
    }

    @Test
    void aStreamThatBreaksOffAfterTheFirstTokenFailsTheTurnWithoutFallingBack() {
        Setup setup = tieredAgent(primary.baseUrl() + "/v1");
        primary.script(Reply.text("one two three four five six seven eight").withUsage(50, 8))
                .cutStreamAfter(3);
        api.fake().script(Reply.text("The fallback must not answer."));

        ChatApi.Stream stream = api.chat(setup.org().member(), setup.agent(), Map.of("message", "Count"));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).contains("text.delta").doesNotContain("turn.completed", "usage");
        assertThat(stream.types()).last().isEqualTo("turn.failed");
        assertThat(stream.text()).isEqualTo("one two three");
        assertThat(stream.first("turn.failed").data().path("code").asString()).isEqualTo("provider_stream_cut");
        // Nothing was asked twice: one call to the primary (no retry once a token had arrived), none to the fallback.
        assertThat(primary.requestCount()).isEqualTo(1);
        assertThat(api.fake().requestCount()).isZero();

        TurnFinished finished = ChatIT.turnFinished(setup.org().id(), stream.turnId());
        assertThat(finished.getOutcome()).isEqualTo("failed");
        assertThat(finished.getErrorCode()).isEqualTo("provider_stream_cut");
        assertThat(finished.getFallbackTaken()).isFalse();
        assertThat(finished.getProviderId()).isEqualTo(setup.primaryProvider());
        assertThat(finished.getCostMicros()).isZero();
        assertThat(repository.findTurn(setup.org().id(), stream.turnId()))
                .hasValueSatisfying(turn -> assertThat(turn.status()).isEqualTo(TurnStatus.FAILED));
        // Counted once at agent-service: the one request the turn made, and no tokens (the provider reported none).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode usage = api.agents
                    .get(
                            "/api/v1/agents/" + setup.agent() + "/rate-limits",
                            setup.org().viewer())
                    .json()
                    .path("usage");
            assertThat(usage.path("requests").asLong()).isEqualTo(1);
            assertThat(usage.path("tokens").asLong()).isZero();
        });
    }
}
