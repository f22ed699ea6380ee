package dev.stoa.agent.domain.model;

import org.jspecify.annotations.Nullable;

/** One step of a resolved chain: a provider with its key, the model, and its catalog entry if any. */
public record ResolvedTarget(
        ProviderCredential provider, String model, @Nullable CatalogModel info) {}
