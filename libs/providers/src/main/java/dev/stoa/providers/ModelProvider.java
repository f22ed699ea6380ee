package dev.stoa.providers;

/**
 * A model provider endpoint. Calls block (run them on virtual threads) and throw {@link ProviderException}.
 * Instances are thread-safe and shared per endpoint; get them from {@link ProviderClients}.
 */
public interface ModelProvider {
    /**
     * Starts a streamed reply; returns once its first event has arrived (so everything that fails before the caller
     * saw anything, including a stream cut before the first token, is retried and throws from here). Later failures
     * surface from the iteration as {@link ProviderException} and are never replayed.
     */
    ChatStream stream(ChatRequest request);

    /** A whole reply in one call. */
    ChatResult complete(ChatRequest request);

    /**
     * Checks the endpoint answers with the given key by listing its models; fails with {@code provider_auth_failed}
     * on a rejected key and {@code provider_unreachable} when nothing listens. Bypasses the circuit breaker.
     */
    ProbeResult probe();

    /** Like {@link #probe()}, then also streams a one-token reply from {@code model} to prove streaming works. */
    ProbeResult probe(String model);
}
