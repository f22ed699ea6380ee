package dev.stoa.agent.domain.model;

import dev.stoa.providers.ProviderKind;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A registered BYOK provider; the key itself never leaves the store except for runtime configs and probes. */
public record Provider(
        String id,
        String orgId,
        String name,
        String kind,
        @Nullable String baseUrl,
        boolean hasApiKey,
        @Nullable String apiKeyLast4,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
    /** The provider kinds Stoa speaks to, by their wire names (the provider layer's kinds). */
    public static final List<String> KINDS =
            Arrays.stream(ProviderKind.values()).map(ProviderKind::wire).toList();
}
