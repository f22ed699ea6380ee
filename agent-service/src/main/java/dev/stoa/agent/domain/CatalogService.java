package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.CatalogModel;
import dev.stoa.agent.domain.model.Provider;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.agent.domain.port.CatalogRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The model catalog: Stoa's built-in entries merged with the org's own (for self-hosted or newer models). An org
 * entry for the same provider kind and model replaces the built-in one, e.g. to record negotiated prices.
 */
@Service
public final class CatalogService {
    public static final int MAX_CONTEXT_WINDOW = 100_000_000;
    /** The highest price per million tokens (text, for annotations). */
    public static final String MAX_PRICE = "100000";

    public static final BigDecimal MAX_PRICE_USD = new BigDecimal(MAX_PRICE);

    private final CatalogRepository catalog;
    private final AgentEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CatalogService(
            CatalogRepository catalog, AgentEvents events, TransactionTemplate transactions, Clock clock) {
        this.catalog = catalog;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A custom entry to add; prices in USD per million tokens. */
    public record NewModel(
            String providerKind,
            String model,
            @Nullable String displayName,
            int contextWindow,
            BigDecimal inputPriceUsd,
            BigDecimal outputPriceUsd,
            boolean supportsTools,
            boolean supportsStreaming) {}

    /** The merged catalog, optionally of one provider kind, ordered by kind and model. */
    public List<CatalogModel> list(Principal principal, @Nullable String providerKind) {
        String orgId = Access.read(principal, Access.PROVIDERS_READ);
        Map<String, CatalogModel> merged = new LinkedHashMap<>();
        BuiltInCatalog.MODELS.forEach(m -> merged.put(m.providerKind() + "/" + m.model(), m));
        catalog.list(orgId).forEach(m -> merged.put(m.providerKind() + "/" + m.model(), m));
        List<CatalogModel> out = new ArrayList<>();
        for (CatalogModel model : merged.values()) {
            if (providerKind == null || providerKind.equals(model.providerKind())) {
                out.add(model);
            }
        }
        out.sort(Comparator.comparing(CatalogModel::providerKind).thenComparing(CatalogModel::model));
        return out;
    }

    public CatalogModel add(Principal principal, NewModel request) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        if (!Provider.KINDS.contains(request.providerKind())) {
            throw new InvalidInputException("provider_kind", "must be one of " + String.join(", ", Provider.KINDS));
        }
        String model = request.model().strip();
        if (model.isEmpty() || model.length() > AgentRules.MAX_MODEL_NAME) {
            throw new InvalidInputException("model", "must be 1 to " + AgentRules.MAX_MODEL_NAME + " characters");
        }
        if (request.contextWindow() < 1 || request.contextWindow() > MAX_CONTEXT_WINDOW) {
            throw new InvalidInputException("context_window", "must be between 1 and " + MAX_CONTEXT_WINDOW);
        }
        CatalogModel entry = new CatalogModel(
                Ids.generate("mdl"),
                request.providerKind(),
                model,
                request.displayName() == null || request.displayName().isBlank()
                        ? null
                        : request.displayName().strip(),
                request.contextWindow(),
                price("input_price_per_mtok_usd", request.inputPriceUsd()),
                price("output_price_per_mtok_usd", request.outputPriceUsd()),
                request.supportsTools(),
                request.supportsStreaming(),
                false);
        return transactions.execute(status -> {
            if (catalog.count(orgId) >= CatalogRepository.MAX_ENTRIES) {
                throw new ConflictException(
                        "catalog_full", "an org defines at most " + CatalogRepository.MAX_ENTRIES + " models");
            }
            if (!catalog.insert(orgId, entry, Access.actor(principal), OffsetDateTime.now(clock))) {
                throw new ConflictException("model_exists", "the org already defines this provider kind and model");
            }
            events.orgChanged(orgId, "catalog_changed", entry.id());
            return entry;
        });
    }

    /** Removes a custom entry; built-in entries cannot be removed (404). */
    public void delete(Principal principal, String modelId) {
        String orgId = Access.write(principal, Access.PROVIDERS_WRITE, Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            if (!Ids.isValid("mdl", modelId) || !catalog.delete(orgId, modelId)) {
                throw new NotFoundException("catalog_model", modelId);
            }
            events.orgChanged(orgId, "catalog_changed", modelId);
        });
    }

    /** What the catalog knows of a model, the org's entry first. */
    Optional<CatalogModel> info(String orgId, String providerKind, String model) {
        Optional<CatalogModel> custom = catalog.find(orgId, providerKind, model);
        return custom.isPresent() ? custom : BuiltInCatalog.find(providerKind, model);
    }

    private static long price(String field, BigDecimal usd) {
        if (usd.signum() < 0 || usd.compareTo(MAX_PRICE_USD) > 0) {
            throw new InvalidInputException(field, "must be between 0 and " + MAX_PRICE_USD);
        }
        if (usd.stripTrailingZeros().scale() > 6) {
            throw new InvalidInputException(field, "must have at most 6 decimal places");
        }
        return usd.movePointRight(6).longValueExact();
    }
}
