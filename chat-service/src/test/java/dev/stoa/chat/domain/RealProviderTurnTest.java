package dev.stoa.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.model.TurnStatus;
import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.providers.ProviderKind;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Opt-in: one turn with a tool call against a real model, when its key is in the environment (skipped otherwise).
 *
 * <ul>
 *   <li>{@code STOA_TEST_OPENAI_API_KEY}: OpenAI, or any OpenAI-compatible endpoint with
 *       {@code STOA_TEST_OPENAI_BASE_URL} (default: OpenAI's public API) and
 *       {@code STOA_TEST_OPENAI_KIND=openai_compatible}; model {@code STOA_TEST_OPENAI_MODEL} (default
 *       {@code gpt-4o-mini}).
 *   <li>{@code STOA_TEST_ANTHROPIC_API_KEY}: Anthropic; {@code STOA_TEST_ANTHROPIC_BASE_URL} (default: the public
 *       API), model {@code STOA_TEST_ANTHROPIC_MODEL} (default {@code claude-3-5-haiku-latest}).
 * </ul>
 *
 * Loopback and private addresses are allowed, so a local Ollama or vLLM works too. The model is asked to use a tool;
 * a real model may in rare cases ignore that, which fails the test (it then says what the model answered).
 */
class RealProviderTurnTest {

    @Test
    void runsATurnWithAToolCallOnARealOpenAiCompatibleModel() {
        String key = env("STOA_TEST_OPENAI_API_KEY");
        assumeTrue(key != null, "STOA_TEST_OPENAI_API_KEY is not set: no real OpenAI-compatible model to call");
        ProviderKind kind = ProviderKind.fromWire(orDefault("STOA_TEST_OPENAI_KIND", "openai"));
        runsATurnWithAToolCall(new ModelTarget(
                "prv_real",
                kind,
                orDefault("STOA_TEST_OPENAI_BASE_URL", ""),
                orDefault("STOA_TEST_OPENAI_MODEL", "gpt-4o-mini"),
                key,
                0,
                0,
                0));
    }

    @Test
    void runsATurnWithAToolCallOnARealAnthropicModel() {
        String key = env("STOA_TEST_ANTHROPIC_API_KEY");
        assumeTrue(key != null, "STOA_TEST_ANTHROPIC_API_KEY is not set: no real Anthropic model to call");
        runsATurnWithAToolCall(new ModelTarget(
                "prv_real",
                ProviderKind.ANTHROPIC,
                orDefault("STOA_TEST_ANTHROPIC_BASE_URL", ""),
                orDefault("STOA_TEST_ANTHROPIC_MODEL", "claude-3-5-haiku-latest"),
                key,
                0,
                0,
                0));
    }

    private static void runsATurnWithAToolCall(ModelTarget model) {
        InMemoryConversations repository = new InMemoryConversations();
        ToolLoopTest.FakeTools tools = new ToolLoopTest.FakeTools();
        tools.answer("get_secret_number", call -> ToolGateway.Outcome.success("{\"secret_number\":4711}", 1));
        TurnHub hub = new TurnHub();
        TurnEngine engine =
                ToolLoopTest.engine(repository, tools, hub, new OutboundPolicy(true, true), 4, Duration.ofSeconds(10));

        TurnResult result = ToolLoopTest.run(
                repository,
                hub,
                engine,
                ToolLoopTest.runtime(model),
                "Call the get_secret_number tool, then reply with the number it returned and nothing else.");

        assertThat(result.status()).as("turn ended with %s", result.errorCode()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(tools.invoked).as("tools the model called").contains("get_secret_number");
        assertThat(result.assistantMessage()).contains("4711");
        assertThat(result.inputTokens()).isPositive();
        assertThat(result.outputTokens()).isPositive();
        assertThat(result.model()).isEqualTo(model.model());
    }

    private static @Nullable String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String name, String fallback) {
        return Objects.requireNonNullElse(env(name), fallback);
    }
}
