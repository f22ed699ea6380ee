package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.WEBHOOKS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.Webhook;
import dev.stoa.monitoring.domain.port.WebhookRepository;
import dev.stoa.monitoring.store.jooq.tables.records.WebhooksRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Webhooks in PostgreSQL; event types are stored comma-joined (they are a small fixed set). */
@Component
public final class JooqWebhookRepository implements WebhookRepository {
    private final TenantTransactions tx;

    public JooqWebhookRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Webhook w, String sealedSecret) {
        tx.inOrgRun(w.orgId(), dsl -> dsl.insertInto(WEBHOOKS)
                .set(WEBHOOKS.ID, w.id())
                .set(WEBHOOKS.ORG_ID, w.orgId())
                .set(WEBHOOKS.URL, w.url())
                .set(WEBHOOKS.DESCRIPTION, w.description())
                .set(WEBHOOKS.EVENT_TYPES, String.join(",", w.eventTypes()))
                .set(WEBHOOKS.ENABLED, w.enabled())
                .set(WEBHOOKS.DISABLED_REASON, w.disabledReason())
                .set(WEBHOOKS.SECRET_SEALED, sealedSecret)
                .set(WEBHOOKS.CONSECUTIVE_FAILURES, w.consecutiveFailures())
                .set(WEBHOOKS.CREATED_AT, w.createdAt())
                .set(WEBHOOKS.UPDATED_AT, w.updatedAt())
                .execute());
    }

    @Override
    public Optional<Webhook> find(String orgId, String id) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.selectFrom(WEBHOOKS).where(WEBHOOKS.ID.eq(id)).fetchOptional(JooqWebhookRepository::map));
    }

    @Override
    public Page<Webhook> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = DSL.trueCondition();
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = DSL.row(WEBHOOKS.CREATED_AT, WEBHOOKS.ID).lt(after.at(), after.id());
            }
            List<Webhook> rows = dsl.selectFrom(WEBHOOKS)
                    .where(c)
                    .orderBy(WEBHOOKS.CREATED_AT.desc(), WEBHOOKS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqWebhookRepository::map);
            return Page.fromOverfetch(rows, page.limit(), w -> KeysetCursor.of(w.createdAt(), w.id()));
        });
    }

    @Override
    public void update(Webhook w, boolean state) {
        tx.inOrgRun(w.orgId(), dsl -> {
            var update = dsl.update(WEBHOOKS)
                    .set(WEBHOOKS.URL, w.url())
                    .set(WEBHOOKS.DESCRIPTION, w.description())
                    .set(WEBHOOKS.EVENT_TYPES, String.join(",", w.eventTypes()))
                    .set(WEBHOOKS.UPDATED_AT, w.updatedAt());
            if (state) {
                update = update.set(WEBHOOKS.ENABLED, w.enabled())
                        .set(WEBHOOKS.DISABLED_REASON, w.disabledReason())
                        .set(WEBHOOKS.CONSECUTIVE_FAILURES, w.consecutiveFailures());
            }
            update.where(WEBHOOKS.ID.eq(w.id())).execute();
        });
    }

    @Override
    public boolean delete(String orgId, String id) {
        return tx.inOrg(
                orgId, dsl -> dsl.deleteFrom(WEBHOOKS).where(WEBHOOKS.ID.eq(id)).execute() == 1);
    }

    @Override
    public boolean replaceSecret(String orgId, String id, String sealedSecret, OffsetDateTime now) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(WEBHOOKS)
                                .set(WEBHOOKS.SECRET_SEALED, sealedSecret)
                                .set(WEBHOOKS.UPDATED_AT, now)
                                .where(WEBHOOKS.ID.eq(id))
                                .execute()
                        == 1);
    }

    @Override
    public List<String> subscribed(String orgId, String eventType) {
        return tx.inOrg(orgId, dsl -> dsl
                .select(WEBHOOKS.ID, WEBHOOKS.EVENT_TYPES)
                .from(WEBHOOKS)
                .where(WEBHOOKS.ENABLED.isTrue())
                .orderBy(WEBHOOKS.ID)
                .fetch()
                .stream()
                .filter(r -> types(r.value2()).contains(eventType))
                .map(r -> r.value1())
                .toList());
    }

    private static List<String> types(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Webhook map(WebhooksRecord r) {
        return new Webhook(
                r.getId(),
                r.getOrgId(),
                r.getUrl(),
                r.getDescription(),
                types(r.getEventTypes()),
                r.getEnabled(),
                r.getDisabledReason(),
                r.getConsecutiveFailures(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
