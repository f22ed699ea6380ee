package dev.stoa.agent.api.rest;

import dev.stoa.agent.domain.CatalogService;
import dev.stoa.providers.ProviderKind;
import dev.stoa.web.validation.OneOf;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Request bodies of the Providers endpoints (providers and catalog entries); unknown fields are refused. */
public final class ProviderRequests {
    private ProviderRequests() {}

    static final String KINDS = "openai|anthropic|openai_compatible";

    static final String KINDS_MESSAGE = "must be one of openai, anthropic, openai_compatible";

    /** Register a BYOK provider; {@code base_url} defaults per kind (required for openai_compatible). */
    public record RegisterProvider(
            @NotBlank @Size(max = 100) String name,

            @NotNull @OneOf(of = ProviderKind.class) String kind,

            @Nullable @Size(max = 2048) String baseUrl,
            @Nullable @Size(max = 1000) String apiKey) {

        @Override
        public String toString() {
            return "RegisterProvider[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** An org-defined catalog entry; prices in USD per million tokens. */
    public record NewCatalogModel(
            @NotNull @OneOf(of = ProviderKind.class) String providerKind,

            @NotBlank @Size(max = 200) String model,
            @Nullable @Size(max = 200) String displayName,

            @NotNull @Min(1) @Max(CatalogService.MAX_CONTEXT_WINDOW)
            Integer contextWindow,

            @NotNull @DecimalMin("0") @DecimalMax(CatalogService.MAX_PRICE)
            BigDecimal inputPricePerMtokUsd,

            @NotNull @DecimalMin("0") @DecimalMax(CatalogService.MAX_PRICE)
            BigDecimal outputPricePerMtokUsd,

            @Nullable Boolean supportsTools,
            @Nullable Boolean supportsStreaming) {}
}
