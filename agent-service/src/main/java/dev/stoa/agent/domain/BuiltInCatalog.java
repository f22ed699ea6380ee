package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.CatalogModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The models Stoa knows out of the box, with list prices (USD per million tokens, as published by the providers
 * when this list was written; orgs override them with their own catalog entries).
 */
final class BuiltInCatalog {
    static final List<CatalogModel> MODELS = List.of(
            entry("openai", "gpt-4o", "GPT-4o", 128_000, "2.50", "10.00"),
            entry("openai", "gpt-4o-mini", "GPT-4o mini", 128_000, "0.15", "0.60"),
            entry("openai", "gpt-4.1", "GPT-4.1", 1_047_576, "2.00", "8.00"),
            entry("openai", "gpt-4.1-mini", "GPT-4.1 mini", 1_047_576, "0.40", "1.60"),
            entry("openai", "o3-mini", "o3-mini", 200_000, "1.10", "4.40"),
            entry("anthropic", "claude-3-5-haiku-latest", "Claude 3.5 Haiku", 200_000, "0.80", "4.00"),
            entry("anthropic", "claude-sonnet-4-20250514", "Claude Sonnet 4", 200_000, "3.00", "15.00"),
            entry("anthropic", "claude-opus-4-1-20250805", "Claude Opus 4.1", 200_000, "15.00", "75.00"));

    private BuiltInCatalog() {}

    static Optional<CatalogModel> find(String providerKind, String model) {
        return MODELS.stream()
                .filter(m -> m.providerKind().equals(providerKind) && m.model().equals(model))
                .findFirst();
    }

    private static CatalogModel entry(
            String kind, String model, String displayName, int contextWindow, String input, String output) {
        return new CatalogModel(
                "mdl_builtin_" + kind + "_" + model.replaceAll("[^a-z0-9]", "_"),
                kind,
                model,
                displayName,
                contextWindow,
                new BigDecimal(input).movePointRight(6).longValueExact(),
                new BigDecimal(output).movePointRight(6).longValueExact(),
                true,
                true,
                true);
    }
}
