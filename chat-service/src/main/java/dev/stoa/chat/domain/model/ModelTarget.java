package dev.stoa.chat.domain.model;

import dev.stoa.providers.ProviderKind;

/**
 * One provider + model of an agent's chain, with what it costs (micro-USD per million tokens) and how much context it
 * takes. The API key never appears in {@link #toString()}.
 */
public record ModelTarget(
        String providerId,
        ProviderKind kind,
        String baseUrl,
        String model,
        String apiKey,
        int contextWindow,
        long inputPriceMicrosPerMtok,
        long outputPriceMicrosPerMtok) {

    /** What {@code input} and {@code output} tokens cost here, in micro-USD (rounded up, so nothing is free). */
    public long costMicros(long input, long output) {
        long micros = input * inputPriceMicrosPerMtok + output * outputPriceMicrosPerMtok;
        return (micros + 999_999) / 1_000_000;
    }

    @Override
    public String toString() {
        return "ModelTarget[providerId=" + providerId + ", kind=" + kind.wire() + ", baseUrl=" + baseUrl + ", model="
                + model + "]";
    }
}
