package dev.stoa.agent.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * A catalog entry: what Stoa knows about a model. Prices are micro-USD per million tokens.
 *
 * @param builtIn whether it ships with Stoa (false: org-defined)
 */
public record CatalogModel(
        String id,
        String providerKind,
        String model,
        @Nullable String displayName,
        int contextWindow,
        long inputPriceMicros,
        long outputPriceMicros,
        boolean supportsTools,
        boolean supportsStreaming,
        boolean builtIn) {}
