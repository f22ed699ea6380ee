package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.ORGS;

import dev.stoa.identity.domain.model.Org;
import dev.stoa.identity.domain.port.OrgRepository;
import dev.stoa.identity.store.jooq.tables.records.OrgsRecord;
import dev.stoa.store.SqlErrors;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Orgs; row-level security shows a transaction only the org it is set to. */
@Component
public final class JooqOrgRepository implements OrgRepository {
    private final TenantTransactions tx;

    public JooqOrgRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(Org org) {
        return tx.inOrg(org.id(), dsl -> {
            return dsl.insertInto(ORGS)
                            .set(ORGS.ID, org.id())
                            .set(ORGS.NAME, org.name())
                            .set(ORGS.SLUG, org.slug())
                            .set(ORGS.SETTINGS, org.settings())
                            .set(ORGS.CREATED_AT, org.createdAt())
                            .set(ORGS.UPDATED_AT, org.updatedAt())
                            .onConflict(ORGS.SLUG)
                            .doNothing()
                            .execute()
                    == 1;
        });
    }

    @Override
    public Optional<Org> find(String orgId) {
        return tx.inOrg(
                orgId, dsl -> dsl.selectFrom(ORGS).where(ORGS.ID.eq(orgId)).fetchOptional(JooqOrgRepository::map));
    }

    @Override
    public boolean update(
            String orgId, @Nullable String name, @Nullable String slug, @Nullable String settings, OffsetDateTime now) {
        // A taken slug belongs to another org, which this transaction cannot even see.
        return SqlErrors.unlessDuplicate(() -> tx.inOrgRun(orgId, dsl -> {
            var update = dsl.update(ORGS).set(ORGS.UPDATED_AT, now);
            if (name != null) {
                update = update.set(ORGS.NAME, name);
            }
            if (slug != null) {
                update = update.set(ORGS.SLUG, slug);
            }
            if (settings != null) {
                update = update.set(ORGS.SETTINGS, settings);
            }
            update.where(ORGS.ID.eq(orgId)).execute();
        }));
    }

    static Org map(OrgsRecord r) {
        return new Org(r.getId(), r.getName(), r.getSlug(), r.getSettings(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
