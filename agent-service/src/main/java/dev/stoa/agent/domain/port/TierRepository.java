package dev.stoa.agent.domain.port;

import dev.stoa.agent.domain.model.Tier;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.util.List;
import java.util.Optional;

/** Tiers: an org's named model aliases with ordered fallback chains. */
public interface TierRepository {
    /** Inserts a tier; returns false when the org already has one with this name. */
    boolean insert(Tier tier);

    /** Replaces name, description and targets; returns false when the new name is taken. */
    boolean update(Tier tier);

    Optional<Tier> find(String orgId, String tierId);

    /** A tier by id or name, share-locked until the transaction ends (see ProviderRepository#findShared). */
    Optional<Tier> findShared(String orgId, String idOrName, boolean byId);

    /** Locks the tier row for the transaction (before checking whether agents use it). */
    boolean lock(String orgId, String tierId);

    /** Tiers, newest first. */
    Page<Tier> list(String orgId, PageRequest page);

    /** Names of the tiers whose chain includes the provider. */
    List<String> namesUsingProvider(String orgId, String providerId);

    boolean delete(String orgId, String tierId);
}
