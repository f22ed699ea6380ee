package dev.stoa.agent.store;

import static dev.stoa.agent.store.jooq.Tables.TIERS;
import static dev.stoa.agent.store.jooq.Tables.TIER_TARGETS;

import dev.stoa.agent.domain.model.Tier;
import dev.stoa.agent.domain.model.TierTarget;
import dev.stoa.agent.domain.port.TierRepository;
import dev.stoa.agent.store.jooq.tables.records.TiersRecord;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.SqlErrors;
import dev.stoa.store.TenantTransactions;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Tiers and their ordered targets. */
@Component
public final class JooqTierRepository implements TierRepository {
    private final TenantTransactions tx;

    public JooqTierRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(Tier tier) {
        return SqlErrors.unlessDuplicate(() -> tx.inOrgRun(tier.orgId(), dsl -> {
            dsl.insertInto(TIERS)
                    .set(TIERS.ID, tier.id())
                    .set(TIERS.ORG_ID, tier.orgId())
                    .set(TIERS.NAME, tier.name())
                    .set(TIERS.DESCRIPTION, tier.description())
                    .set(TIERS.CREATED_AT, tier.createdAt())
                    .set(TIERS.UPDATED_AT, tier.updatedAt())
                    .execute();
            insertTargets(dsl, tier);
        }));
    }

    @Override
    public boolean update(Tier tier) {
        return SqlErrors.unlessDuplicate(() -> tx.inOrgRun(tier.orgId(), dsl -> {
            dsl.update(TIERS)
                    .set(TIERS.NAME, tier.name())
                    .set(TIERS.DESCRIPTION, tier.description())
                    .set(TIERS.UPDATED_AT, tier.updatedAt())
                    .where(TIERS.ID.eq(tier.id()))
                    .execute();
            dsl.deleteFrom(TIER_TARGETS)
                    .where(TIER_TARGETS.TIER_ID.eq(tier.id()))
                    .execute();
            insertTargets(dsl, tier);
        }));
    }

    @Override
    public Optional<Tier> find(String orgId, String tierId) {
        return tx.inOrg(
                orgId, dsl -> dsl.selectFrom(TIERS).where(TIERS.ID.eq(tierId)).fetchOptional(r -> map(dsl, r)));
    }

    @Override
    public Optional<Tier> findShared(String orgId, String idOrName, boolean byId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TIERS)
                .where(byId ? TIERS.ID.eq(idOrName) : TIERS.NAME.eq(idOrName))
                .forShare()
                .fetchOptional(r -> map(dsl, r)));
    }

    @Override
    public boolean lock(String orgId, String tierId) {
        return tx.inOrg(orgId, dsl -> dsl.select(TIERS.ID)
                .from(TIERS)
                .where(TIERS.ID.eq(tierId))
                .forUpdate()
                .fetchOptional()
                .isPresent());
    }

    @Override
    public Page<Tier> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = page.after() == null ? TIERS.ID.isNotNull() : TIERS.ID.lt(page.after());
            List<Tier> rows = dsl.selectFrom(TIERS)
                    .where(condition)
                    .orderBy(TIERS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(r -> map(dsl, r));
            return Page.fromOverfetch(rows, page.limit(), Tier::id);
        });
    }

    @Override
    public List<String> namesUsingProvider(String orgId, String providerId) {
        return tx.inOrg(orgId, dsl -> dsl.selectDistinct(TIERS.NAME)
                .from(TIERS)
                .join(TIER_TARGETS)
                .on(TIER_TARGETS.TIER_ID.eq(TIERS.ID))
                .where(TIER_TARGETS.PROVIDER_ID.eq(providerId))
                .orderBy(TIERS.NAME)
                .fetch(TIERS.NAME));
    }

    @Override
    public boolean delete(String orgId, String tierId) {
        return tx.inOrg(
                orgId, dsl -> dsl.deleteFrom(TIERS).where(TIERS.ID.eq(tierId)).execute() == 1);
    }

    private static void insertTargets(DSLContext dsl, Tier tier) {
        for (int i = 0; i < tier.targets().size(); i++) {
            TierTarget target = tier.targets().get(i);
            dsl.insertInto(TIER_TARGETS)
                    .set(TIER_TARGETS.TIER_ID, tier.id())
                    .set(TIER_TARGETS.ORDINAL, i)
                    .set(TIER_TARGETS.ORG_ID, tier.orgId())
                    .set(TIER_TARGETS.PROVIDER_ID, target.providerId())
                    .set(TIER_TARGETS.MODEL, target.model())
                    .execute();
        }
    }

    private static Tier map(DSLContext dsl, TiersRecord r) {
        List<TierTarget> targets = dsl.selectFrom(TIER_TARGETS)
                .where(TIER_TARGETS.TIER_ID.eq(r.getId()))
                .orderBy(TIER_TARGETS.ORDINAL)
                .fetch(t -> new TierTarget(t.getProviderId(), t.getModel()));
        return new Tier(
                r.getId(), r.getOrgId(), r.getName(), r.getDescription(), targets, r.getCreatedAt(), r.getUpdatedAt());
    }
}
