package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.Provider;
import dev.stoa.agent.domain.model.Tier;
import dev.stoa.agent.domain.model.TierTarget;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.agent.domain.port.ProviderRepository;
import dev.stoa.agent.domain.port.TierRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tiers: org-defined model aliases ({@code fast}, {@code smart}) with an ordered fallback chain. Agents store the
 * tier, not its chain, so they follow every change to it.
 */
@Service
public final class TierService {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    public static final int MAX_TARGETS = 8;

    private final TierRepository tiers;
    private final ProviderRepository providers;
    private final AgentRepository agents;
    private final AgentEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public TierService(
            TierRepository tiers,
            ProviderRepository providers,
            AgentRepository agents,
            AgentEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.tiers = tiers;
        this.providers = providers;
        this.agents = agents;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Page<Tier> list(Principal principal, PageRequest page) {
        return tiers.list(Access.read(principal, Access.PROVIDERS_READ), page);
    }

    public Tier get(Principal principal, String tierId) {
        return find(Access.read(principal, Access.PROVIDERS_READ), tierId);
    }

    public Tier create(Principal principal, String name, @Nullable String description, List<TierTarget> targets) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        checkName(name);
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Tier tier = new Tier(
                    Ids.generate("tier"),
                    orgId,
                    name,
                    blankToNull(description),
                    checkTargets(orgId, targets),
                    now,
                    now);
            if (!tiers.insert(tier)) {
                throw nameTaken();
            }
            events.orgChanged(orgId, "tier_changed", tier.id());
            return tier;
        });
    }

    /** Changes the given fields; {@code targets}, when given, replaces the whole chain. */
    public Tier update(
            Principal principal,
            String tierId,
            @Nullable String name,
            @Nullable String description,
            @Nullable List<TierTarget> targets) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        if (name != null) {
            checkName(name);
        }
        return transactions.execute(status -> {
            Tier current = find(orgId, tierId);
            Tier next = new Tier(
                    current.id(),
                    orgId,
                    name == null ? current.name() : name,
                    description == null ? current.description() : blankToNull(description),
                    targets == null ? current.targets() : checkTargets(orgId, targets),
                    current.createdAt(),
                    OffsetDateTime.now(clock));
            if (!tiers.update(next)) {
                throw nameTaken();
            }
            events.orgChanged(orgId, "tier_changed", tierId);
            return next;
        });
    }

    /** Removes a tier no live agent follows (409 {@code tier_in_use} otherwise). */
    public void delete(Principal principal, String tierId) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            // Lock first: an agent switching to this tier share-locks it, so one of the two waits for the other.
            if (!Ids.isValid("tier", tierId) || !tiers.lock(orgId, tierId)) {
                throw new NotFoundException("tier", tierId);
            }
            if (agents.usesTier(orgId, tierId)) {
                throw new ConflictException("tier_in_use", "agents use this tier; change their model first");
            }
            tiers.delete(orgId, tierId);
            events.orgChanged(orgId, "tier_changed", tierId);
        });
    }

    Tier find(String orgId, String tierId) {
        if (!Ids.isValid("tier", tierId)) {
            throw new NotFoundException("tier", tierId);
        }
        return tiers.find(orgId, tierId).orElseThrow(() -> new NotFoundException("tier", tierId));
    }

    /** Every target names an existing provider of the org and a model. */
    private List<TierTarget> checkTargets(String orgId, List<TierTarget> targets) {
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new InvalidInputException("targets", "must hold 1 to " + MAX_TARGETS + " entries");
        }
        List<String> ids = targets.stream()
                .map(TierTarget::providerId)
                .filter(id -> Ids.isValid("prv", id))
                .toList();
        Map<String, Provider> known = ids.isEmpty() ? Map.of() : providers.findAllShared(orgId, ids);
        List<TierTarget> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            TierTarget target = targets.get(i);
            if (!known.containsKey(target.providerId())) {
                throw new InvalidInputException("targets[" + i + "].provider_id", "no provider with this id");
            }
            String model = target.model().strip();
            if (model.isEmpty() || model.length() > AgentRules.MAX_MODEL_NAME) {
                throw new InvalidInputException(
                        "targets[" + i + "].model", "must be 1 to " + AgentRules.MAX_MODEL_NAME + " characters");
            }
            out.add(new TierTarget(target.providerId(), model));
        }
        return out;
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches() || Ids.isValid("tier", name)) {
            throw new InvalidInputException(
                    "name", "must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    private static ConflictException nameTaken() {
        return new ConflictException("tier_name_taken", "the org already has a tier with this name");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
