package dev.stoa.agent.store;

import static dev.stoa.agent.store.jooq.Tables.CATALOG_MODELS;

import dev.stoa.agent.domain.model.CatalogModel;
import dev.stoa.agent.domain.port.CatalogRepository;
import dev.stoa.agent.store.jooq.tables.records.CatalogModelsRecord;
import dev.stoa.store.SqlErrors;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Org-defined catalog entries (the built-in ones live in code). */
@Component
public final class JooqCatalogRepository implements CatalogRepository {
    /** More than any org needs; keeps the merged catalog a single small response. */
    private final TenantTransactions tx;

    public JooqCatalogRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(String orgId, CatalogModel model, String createdBy, OffsetDateTime now) {
        return SqlErrors.unlessDuplicate(() -> tx.inOrgRun(orgId, dsl -> dsl.insertInto(CATALOG_MODELS)
                .set(CATALOG_MODELS.ID, model.id())
                .set(CATALOG_MODELS.ORG_ID, orgId)
                .set(CATALOG_MODELS.PROVIDER_KIND, model.providerKind())
                .set(CATALOG_MODELS.MODEL, model.model())
                .set(CATALOG_MODELS.DISPLAY_NAME, model.displayName())
                .set(CATALOG_MODELS.CONTEXT_WINDOW, model.contextWindow())
                .set(CATALOG_MODELS.INPUT_PRICE_MICROS, model.inputPriceMicros())
                .set(CATALOG_MODELS.OUTPUT_PRICE_MICROS, model.outputPriceMicros())
                .set(CATALOG_MODELS.SUPPORTS_TOOLS, model.supportsTools())
                .set(CATALOG_MODELS.SUPPORTS_STREAMING, model.supportsStreaming())
                .set(CATALOG_MODELS.CREATED_BY, createdBy)
                .set(CATALOG_MODELS.CREATED_AT, now)
                .execute()));
    }

    @Override
    public List<CatalogModel> list(String orgId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(CATALOG_MODELS)
                .orderBy(CATALOG_MODELS.PROVIDER_KIND, CATALOG_MODELS.MODEL)
                .limit(MAX_ENTRIES)
                .fetch(JooqCatalogRepository::map));
    }

    @Override
    public int count(String orgId) {
        return tx.inOrg(orgId, dsl -> dsl.fetchCount(CATALOG_MODELS));
    }

    @Override
    public Optional<CatalogModel> find(String orgId, String providerKind, String model) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(CATALOG_MODELS)
                .where(CATALOG_MODELS.PROVIDER_KIND.eq(providerKind))
                .and(CATALOG_MODELS.MODEL.eq(model))
                .fetchOptional(JooqCatalogRepository::map));
    }

    @Override
    public boolean delete(String orgId, String id) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(CATALOG_MODELS)
                                .where(CATALOG_MODELS.ID.eq(id))
                                .execute()
                        == 1);
    }

    private static CatalogModel map(CatalogModelsRecord r) {
        return new CatalogModel(
                r.getId(),
                r.getProviderKind(),
                r.getModel(),
                r.getDisplayName(),
                r.getContextWindow(),
                r.getInputPriceMicros(),
                r.getOutputPriceMicros(),
                r.getSupportsTools(),
                r.getSupportsStreaming(),
                false);
    }
}
