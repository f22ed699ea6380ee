package dev.stoa.agent.api.rest;

import dev.stoa.agent.domain.AgentRules;
import dev.stoa.agent.domain.ProviderService;
import dev.stoa.agent.domain.model.CatalogModel;
import dev.stoa.agent.domain.model.ProbeOutcome;
import dev.stoa.agent.domain.model.Provider;
import dev.stoa.providers.ProviderKind;
import dev.stoa.web.validation.OneOf;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Providers endpoints: providers (never their keys), probes, the model catalog. */
public final class ProviderViews {
    private ProviderViews() {}

    /** A provider; the key shows only as {@code api_key_preview} (its last four characters). */
    public record ProviderView(
            String id,
            String name,
            @OneOf(of = ProviderKind.class) String kind,
            String baseUrl,
            @Nullable String apiKeyPreview,
            boolean hasApiKey,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ProviderView of(Provider p) {
            return new ProviderView(
                    p.id(),
                    p.name(),
                    p.kind(),
                    ProviderService.baseUrl(p),
                    p.apiKeyLast4() == null ? null : "…" + p.apiKeyLast4(),
                    p.hasApiKey(),
                    p.createdBy(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    /** What a provider probe found. */
    public record ProbeView(boolean ok, long latencyMs, List<String> models) {
        static ProbeView of(ProbeOutcome outcome) {
            return new ProbeView(outcome.ok(), outcome.latencyMillis(), outcome.models());
        }
    }

    /** A catalog entry; {@code source} is {@code builtin} or {@code custom}; prices are USD per million tokens. */
    public record CatalogModelView(
            String id,
            @OneOf(of = ProviderKind.class) String providerKind,
            String model,
            @Nullable String displayName,
            int contextWindow,
            BigDecimal inputPricePerMtokUsd,
            BigDecimal outputPricePerMtokUsd,
            boolean supportsTools,
            boolean supportsStreaming,
            @OneOf({"builtin", "custom"}) String source) {
        static CatalogModelView of(CatalogModel m) {
            return new CatalogModelView(
                    m.id(),
                    m.providerKind(),
                    m.model(),
                    m.displayName(),
                    m.contextWindow(),
                    AgentRules.usd(m.inputPriceMicros()),
                    AgentRules.usd(m.outputPriceMicros()),
                    m.supportsTools(),
                    m.supportsStreaming(),
                    m.builtIn() ? "builtin" : "custom");
        }
    }
}
