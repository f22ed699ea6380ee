package dev.stoa.providers;

import dev.stoa.common.error.InvalidInputException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which wire protocol a provider speaks, and where the hosted ones live by default. */
public enum ProviderKind {
    OPENAI("openai", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "https://api.anthropic.com"),
    /** The OpenAI protocol at any base URL (Ollama, vLLM, llama.cpp server, LiteLLM...); there is no default. */
    OPENAI_COMPATIBLE("openai_compatible", null);

    private final String wire;
    private final @Nullable String defaultBaseUrl;

    ProviderKind(String wire, @Nullable String defaultBaseUrl) {
        this.wire = wire;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The stable name used in APIs, protos and the database. */
    public String wire() {
        return wire;
    }

    public @Nullable String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Whether requests use the OpenAI Chat Completions protocol. */
    public boolean openAiProtocol() {
        return this != ANTHROPIC;
    }

    /** Parses a wire name, rejecting unknown ones as invalid input on field {@code kind}. */
    public static ProviderKind fromWire(String wire) {
        String normalized = wire.trim().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.wire.equals(normalized)) {
                return kind;
            }
        }
        throw new InvalidInputException(
                "kind", "unknown provider kind; expected openai, anthropic or openai_compatible");
    }
}
