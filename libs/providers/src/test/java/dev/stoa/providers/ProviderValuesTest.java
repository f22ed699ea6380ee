package dev.stoa.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderValuesTest {
    @Test
    void endpointToStringRedactsTheKey() {
        ProviderEndpoint endpoint = ProviderEndpoint.of(ProviderKind.OPENAI, null, "sk-live-123456");

        assertThat(endpoint.toString()).doesNotContain("sk-live-123456").contains("***", "api.openai.com");
        assertThat(endpoint.baseUrl()).isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void compatibleEndpointsNeedABaseUrl() {
        assertThatThrownBy(() -> ProviderEndpoint.of(ProviderKind.OPENAI_COMPATIBLE, " ", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ProviderEndpoint.of(ProviderKind.OPENAI_COMPATIBLE, "http://h:1/v1/", "")
                        .baseUrl())
                .isEqualTo("http://h:1/v1");
    }

    @Test
    void kindsRoundTripThroughTheirWireNames() {
        for (ProviderKind kind : ProviderKind.values()) {
            assertThat(ProviderKind.fromWire(kind.wire())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> ProviderKind.fromWire("gemini")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void readsRetryAfterFromMillisSecondsOrNothing() {
        assertThat(Failures.retryAfter(Map.of("retry-after-ms", "250", "retry-after", "1")::get))
                .hasMillis(250);
        assertThat(Failures.retryAfter(Map.of("retry-after", "2")::get)).hasSeconds(2);
        assertThat(Failures.retryAfter(Map.<String, String>of()::get)).isNull();
    }

    @Test
    void scrubsTheKeyFromProviderMessages() {
        ProviderException e = Failures.fromStatus(400, h -> null, "bad key sk-abcdef in request", "sk-abcdef");

        assertThat(e.code()).isEqualTo(ProviderException.BAD_REQUEST);
        assertThat(e.getMessage()).doesNotContain("sk-abcdef");
    }

    @Test
    void normalizesFinishReasons() {
        assertThat(Failures.finishReason("end_turn", false)).isEqualTo("stop");
        assertThat(Failures.finishReason("max_tokens", false)).isEqualTo("length");
        assertThat(Failures.finishReason("tool_use", true)).isEqualTo("tool_calls");
        assertThat(Failures.finishReason("stop", true)).isEqualTo("tool_calls");
    }
}
