package dev.stoa.agent.domain.port;

import dev.stoa.agent.domain.model.Provider;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** BYOK providers of an org, with their sealed keys. */
public interface ProviderRepository {
    /** Inserts a provider; returns false when the org already has one with this name. */
    boolean insert(Provider provider, @Nullable String sealedKey);

    Optional<Provider> find(String orgId, String providerId);

    /**
     * A provider, share-locked until the transaction ends: a concurrent delete (which locks the row for update first)
     * either waits for this transaction to commit its reference, or has already removed the row.
     */
    Optional<Provider> findShared(String orgId, String providerId);

    /** The providers with these ids that exist in the org, by id, share-locked like {@link #findShared}. */
    Map<String, Provider> findAllShared(String orgId, Collection<String> providerIds);

    /** The sealed API key of a provider, if it has one. */
    Optional<String> sealedKey(String orgId, String providerId);

    /** Providers, newest first. */
    Page<Provider> list(String orgId, PageRequest page);

    /** Locks the provider row for the transaction (before checking whether anything uses it). */
    boolean lock(String orgId, String providerId);

    boolean delete(String orgId, String providerId);
}
