package dev.stoa.providers;

import static dev.stoa.providers.FakeProviders.drain;
import static dev.stoa.providers.FakeProviders.endpoint;
import static dev.stoa.providers.FakeProviders.fast;
import static dev.stoa.providers.FakeProviders.provider;
import static dev.stoa.providers.FakeProviders.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Probes, retries, cut streams and the circuit breaker against the fake provider. */
class ProviderResilienceTest {
    static FakeProvider fake;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
        fake.retryAfter(Duration.ofMillis(20));
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void probeListsModelsAndStreamsOneToken(ProviderKind kind) {
        fake.models("model-a", "model-b");

        ProbeResult result = provider(fake, kind).probe("model-a");

        assertThat(result.models()).containsExactly("model-a", "model-b");
        assertThat(result.streaming()).isTrue();
        assertThat(fake.requests().get(1).body().path("max_tokens").asInt(-1)
                        + fake.requests()
                                .get(1)
                                .body()
                                .path("max_completion_tokens")
                                .asInt(-1))
                .isEqualTo(0); // one of them is 1, the other absent (-1)
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void probeFailsOnABadKeyWithoutLeakingIt(ProviderKind kind) {
        fake.requireApiKey("sk-right");
        ModelProvider provider = ProviderClients.create(endpoint(fake, kind, "sk-wrong-secret"), fast(2));

        assertThatThrownBy(provider::probe)
                .asInstanceOf(type(ProviderException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ProviderException.AUTH_FAILED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("sk-wrong-secret");
                });
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void probeFailsWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ModelProvider provider = ProviderClients.create(
                new ProviderEndpoint(ProviderKind.OPENAI_COMPATIBLE, "http://127.0.0.1:" + port + "/v1", ""), fast(1));

        assertThatThrownBy(provider::probe)
                .asInstanceOf(type(ProviderException.class))
                .extracting(ProviderException::code)
                .isEqualTo(ProviderException.UNREACHABLE);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderKind.class,
            names = {"OPENAI", "ANTHROPIC"})
    void retriesARateLimitThenStreams(ProviderKind kind) {
        fake.failNext(429).script(Reply.text("after the wait"));

        List<ChatEvent> events = drain(provider(fake, kind).stream(ChatRequest.of("fake-model", "Hi")));

        assertThat(text(events)).isEqualTo("after the wait");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void givesUpAfterRetriesOnServerErrors() {
        fake.failNext(500, 3);
        ModelProvider provider = provider(fake, ProviderKind.OPENAI);

        assertThatThrownBy(() -> provider.complete(ChatRequest.of("fake-model", "Hi")))
                .asInstanceOf(type(ProviderException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ProviderException.UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(fake.requestCount()).isEqualTo(3); // one call and two retries
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderKind.class,
            names = {"OPENAI", "ANTHROPIC"})
    void neverReplaysAStreamThatAlreadyEmittedTokens(ProviderKind kind) {
        fake.script(Reply.text("one two three four five six")).cutStreamAfter(2);
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> {
                    try (ChatStream stream = provider(fake, kind).stream(ChatRequest.of("fake-model", "Hi"))) {
                        for (ChatEvent event : stream) {
                            if (event instanceof ChatEvent.TextDelta delta) {
                                seen.add(delta.text());
                            }
                        }
                    }
                })
                .asInstanceOf(type(ProviderException.class))
                .extracting(ProviderException::code)
                .isEqualTo(ProviderException.STREAM_CUT);
        assertThat(seen).containsExactly("one", " two");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void retriesAStreamCutBeforeItsFirstToken() {
        fake.script(Reply.text("whole reply")).cutStreamAfter(0);

        List<ChatEvent> events =
                drain(provider(fake, ProviderKind.ANTHROPIC).stream(ChatRequest.of("fake-model", "Hi")));

        assertThat(text(events)).isEqualTo("whole reply");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndStopsCalling() {
        fake.failNext(503, 4);
        ModelProvider provider = ProviderClients.create(endpoint(fake, ProviderKind.OPENAI), fast(0));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> provider.stream(ChatRequest.of("fake-model", "Hi")))
                    .asInstanceOf(type(ProviderException.class))
                    .extracting(ProviderException::code)
                    .isEqualTo(ProviderException.UNAVAILABLE);
        }

        assertThatThrownBy(() -> provider.complete(ChatRequest.of("fake-model", "Hi")))
                .asInstanceOf(type(ProviderException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ProviderException.CIRCUIT_OPEN);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(fake.requestCount()).isEqualTo(4);
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        fake.requireApiKey("sk-right");
        ModelProvider provider = ProviderClients.create(endpoint(fake, ProviderKind.OPENAI, "sk-bad"), fast(0));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.complete(ChatRequest.of("fake-model", "Hi")))
                    .asInstanceOf(type(ProviderException.class))
                    .extracting(ProviderException::code)
                    .isEqualTo(ProviderException.AUTH_FAILED);
        }
        assertThat(fake.requestCount()).isEqualTo(5);
    }
}
