package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.ProbeOutcome;
import dev.stoa.agent.domain.model.Provider;
import dev.stoa.agent.domain.model.ProviderCredential;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.agent.domain.port.ProviderGateway;
import dev.stoa.agent.domain.port.ProviderRepository;
import dev.stoa.agent.domain.port.TierRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.crypto.SecretSealer;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.providers.ProviderKind;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BYOK providers. Keys are sealed at rest (associated data {@code <org>|<provider id>}), shown only as a last-4
 * preview, and opened only to probe the provider or to hand a runtime config to a platform service.
 */
@Service
public final class ProviderService {
    static final int MAX_KEY_LENGTH = 1_000;

    private final ProviderRepository providers;
    private final TierRepository tiers;
    private final AgentRepository agents;
    private final ProviderGateway gateway;
    private final SecretSealer secrets;
    private final AgentEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ProviderService(
            ProviderRepository providers,
            TierRepository tiers,
            AgentRepository agents,
            ProviderGateway gateway,
            SecretSealer secrets,
            AgentEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.providers = providers;
        this.tiers = tiers;
        this.agents = agents;
        this.gateway = gateway;
        this.secrets = secrets;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Page<Provider> list(Principal principal, PageRequest page) {
        return providers.list(Access.read(principal, Access.PROVIDERS_READ), page);
    }

    public Provider get(Principal principal, String providerId) {
        return find(Access.read(principal, Access.PROVIDERS_READ), providerId);
    }

    public Provider register(
            Principal principal, String name, String kind, @Nullable String baseUrl, @Nullable String apiKey) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        if (!Provider.KINDS.contains(kind)) {
            throw new InvalidInputException("kind", "must be one of " + String.join(", ", Provider.KINDS));
        }
        String url = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        if (url == null && defaultBaseUrl(kind) == null) {
            throw new InvalidInputException("base_url", "is required for " + kind + " providers");
        }
        if (url != null) {
            gateway.checkBaseUrl(url);
        }
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        if (key == null && !kind.equals("openai_compatible")) {
            throw new InvalidInputException("api_key", "is required for " + kind + " providers");
        }
        if (key != null && key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException("api_key", "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String id = Ids.generate("prv");
        Provider provider = new Provider(
                id,
                orgId,
                name.strip(),
                kind,
                url,
                key != null,
                key == null ? null : last4(key),
                Access.actor(principal),
                now,
                now);
        String sealed = key == null ? null : secrets.sealString(key, associatedData(orgId, id));
        return transactions.execute(status -> {
            if (!providers.insert(provider, sealed)) {
                throw new ConflictException("provider_name_taken", "the org already has a provider with this name");
            }
            events.orgChanged(orgId, "provider_changed", id);
            return provider;
        });
    }

    /** Removes a provider no tier and no live agent uses (409 {@code provider_in_use} otherwise). */
    public void delete(Principal principal, String providerId) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            // Lock first: tiers and agents taking up this provider share-lock it, so one side waits for the other.
            if (!Ids.isValid("prv", providerId) || !providers.lock(orgId, providerId)) {
                throw new NotFoundException("provider", providerId);
            }
            List<String> tierNames = tiers.namesUsingProvider(orgId, providerId);
            if (!tierNames.isEmpty()) {
                throw new ConflictException(
                        "provider_in_use", "tiers use this provider: " + String.join(", ", tierNames));
            }
            if (agents.usesProvider(orgId, providerId)) {
                throw new ConflictException("provider_in_use", "agents use this provider; change their model first");
            }
            providers.delete(orgId, providerId);
            events.orgChanged(orgId, "provider_changed", providerId);
        });
    }

    /** Probes the provider with its stored key; the base URL is vetted again first (policies can tighten). */
    public ProbeOutcome test(Principal principal, String providerId) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        ProviderCredential credential = credential(orgId, find(orgId, providerId));
        if (credential.provider().baseUrl() != null) {
            gateway.checkBaseUrl(credential.baseUrl());
        }
        return gateway.probe(credential);
    }

    /** The provider with its key opened, for probes and runtime configs. */
    ProviderCredential credential(String orgId, Provider provider) {
        String sealed = providers.sealedKey(orgId, provider.id()).orElse(null);
        String key = sealed == null ? "" : secrets.openString(sealed, associatedData(orgId, provider.id()));
        return new ProviderCredential(provider, baseUrl(provider), key);
    }

    /** The base URL the provider is reached at: its own, or its kind's default. */
    public static String baseUrl(Provider provider) {
        String url = provider.baseUrl();
        if (url != null) {
            return url;
        }
        String fallback = defaultBaseUrl(provider.kind());
        return fallback == null ? "" : fallback;
    }

    /** Where a kind is reached when no base URL is given; OpenAI-compatible servers have no default. */
    private static @Nullable String defaultBaseUrl(String kind) {
        return ProviderKind.fromWire(kind).defaultBaseUrl();
    }

    Provider find(String orgId, String providerId) {
        if (!Ids.isValid("prv", providerId)) {
            throw new NotFoundException("provider", providerId);
        }
        return providers.find(orgId, providerId).orElseThrow(() -> new NotFoundException("provider", providerId));
    }

    private static String associatedData(String orgId, String providerId) {
        return orgId + "|" + providerId;
    }

    /** The last four characters, or none for keys so short that four would give away too much. */
    private static @Nullable String last4(String key) {
        return key.length() < 12 ? null : key.substring(key.length() - 4);
    }
}
