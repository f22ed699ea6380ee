package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.WEBHOOKS;
import static dev.stoa.monitoring.store.jooq.Tables.WEBHOOK_DELIVERIES;

import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.ClaimedDelivery;
import dev.stoa.monitoring.domain.model.DueDelivery;
import dev.stoa.monitoring.domain.model.WebhookDelivery;
import dev.stoa.monitoring.domain.port.DeliveryQueue;
import dev.stoa.monitoring.store.jooq.tables.records.WebhookDeliveriesRecord;
import dev.stoa.store.TenantTransactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Webhook deliveries in PostgreSQL. Workers of every replica claim due rows through {@code webhook_claim_due} (a
 * SECURITY DEFINER function: the queue spans orgs, row-level security does not), which leases them with {@code FOR
 * UPDATE SKIP LOCKED}; everything else runs in the delivery's org.
 */
@Component
public final class JooqDeliveryQueue implements DeliveryQueue {
    private final TenantTransactions tx;

    public JooqDeliveryQueue(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int enqueue(
            String orgId, String eventId, String eventType, List<String> webhookIds, String body, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> {
            int enqueued = 0;
            for (String webhookId : webhookIds) {
                enqueued += dsl.insertInto(WEBHOOK_DELIVERIES)
                        .set(WEBHOOK_DELIVERIES.ID, Ids.generate("whd"))
                        .set(WEBHOOK_DELIVERIES.ORG_ID, orgId)
                        .set(WEBHOOK_DELIVERIES.WEBHOOK_ID, webhookId)
                        .set(WEBHOOK_DELIVERIES.EVENT_ID, eventId)
                        .set(WEBHOOK_DELIVERIES.EVENT_TYPE, eventType)
                        .set(WEBHOOK_DELIVERIES.BODY, body)
                        .set(WEBHOOK_DELIVERIES.STATUS, WebhookDelivery.PENDING)
                        .set(WEBHOOK_DELIVERIES.ATTEMPTS, 0)
                        .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
                        .set(WEBHOOK_DELIVERIES.CREATED_AT, now)
                        .set(WEBHOOK_DELIVERIES.UPDATED_AT, now)
                        .onConflict(WEBHOOK_DELIVERIES.WEBHOOK_ID, WEBHOOK_DELIVERIES.EVENT_ID)
                        .doNothing()
                        .execute();
            }
            return enqueued;
        });
    }

    @Override
    public List<ClaimedDelivery> claim(int limit, Duration lease) {
        return tx.global(dsl -> dsl.resultQuery(
                        "select org_id, id from webhook_claim_due(?, ? * interval '1 millisecond')",
                        limit,
                        lease.toMillis())
                .fetch(r -> new ClaimedDelivery(r.get(0, String.class), r.get(1, String.class))));
    }

    @Override
    public Optional<DueDelivery> load(ClaimedDelivery claimed) {
        return tx.inOrg(claimed.orgId(), dsl -> dsl.select(
                        WEBHOOK_DELIVERIES.ID,
                        WEBHOOK_DELIVERIES.ORG_ID,
                        WEBHOOK_DELIVERIES.WEBHOOK_ID,
                        WEBHOOK_DELIVERIES.EVENT_ID,
                        WEBHOOK_DELIVERIES.BODY,
                        WEBHOOK_DELIVERIES.ATTEMPTS,
                        WEBHOOKS.URL,
                        WEBHOOKS.ENABLED,
                        WEBHOOKS.SECRET_SEALED)
                .from(WEBHOOK_DELIVERIES)
                .join(WEBHOOKS)
                .on(WEBHOOKS.ID.eq(WEBHOOK_DELIVERIES.WEBHOOK_ID))
                .where(WEBHOOK_DELIVERIES.ID.eq(claimed.id()))
                .and(WEBHOOK_DELIVERIES.STATUS.eq(WebhookDelivery.PENDING))
                .fetchOptional(r -> new DueDelivery(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8(),
                        r.value9())));
    }

    @Override
    public void succeeded(DueDelivery d, int statusCode, OffsetDateTime now) {
        tx.inOrgRun(d.orgId(), dsl -> {
            dsl.update(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.STATUS, WebhookDelivery.SUCCEEDED)
                    .set(WEBHOOK_DELIVERIES.ATTEMPTS, d.attempts() + 1)
                    .set(WEBHOOK_DELIVERIES.LAST_STATUS_CODE, statusCode)
                    .setNull(WEBHOOK_DELIVERIES.LAST_ERROR)
                    .setNull(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT)
                    .set(WEBHOOK_DELIVERIES.UPDATED_AT, now)
                    .where(WEBHOOK_DELIVERIES.ID.eq(d.id()))
                    .execute();
            dsl.update(WEBHOOKS)
                    .set(WEBHOOKS.CONSECUTIVE_FAILURES, 0)
                    .where(WEBHOOKS.ID.eq(d.webhookId()))
                    .and(WEBHOOKS.CONSECUTIVE_FAILURES.ne(0))
                    .execute();
        });
    }

    @Override
    public boolean failed(
            DueDelivery d,
            @Nullable Integer statusCode,
            String error,
            @Nullable OffsetDateTime nextAttemptAt,
            int disableAfter,
            OffsetDateTime now) {
        return tx.inOrg(d.orgId(), dsl -> {
            dsl.update(WEBHOOK_DELIVERIES)
                    .set(
                            WEBHOOK_DELIVERIES.STATUS,
                            nextAttemptAt == null ? WebhookDelivery.FAILED : WebhookDelivery.PENDING)
                    .set(WEBHOOK_DELIVERIES.ATTEMPTS, d.attempts() + 1)
                    .set(WEBHOOK_DELIVERIES.LAST_STATUS_CODE, statusCode)
                    .set(WEBHOOK_DELIVERIES.LAST_ERROR, error)
                    .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, nextAttemptAt)
                    .set(WEBHOOK_DELIVERIES.UPDATED_AT, now)
                    .where(WEBHOOK_DELIVERIES.ID.eq(d.id()))
                    .execute();
            Integer failures = dsl.update(WEBHOOKS)
                    .set(WEBHOOKS.CONSECUTIVE_FAILURES, WEBHOOKS.CONSECUTIVE_FAILURES.plus(1))
                    .where(WEBHOOKS.ID.eq(d.webhookId()))
                    .returningResult(WEBHOOKS.CONSECUTIVE_FAILURES)
                    .fetchOne(r -> r.value1());
            if (failures == null || failures < disableAfter) {
                return false;
            }
            // only the update that turns it off reports it (and counts it), not later failures of queued retries
            return dsl.update(WEBHOOKS)
                            .set(WEBHOOKS.ENABLED, false)
                            .set(
                                    WEBHOOKS.DISABLED_REASON,
                                    "disabled after " + failures + " consecutive failed deliveries")
                            .set(WEBHOOKS.UPDATED_AT, now)
                            .where(WEBHOOKS.ID.eq(d.webhookId()))
                            .and(WEBHOOKS.ENABLED.isTrue())
                            .execute()
                    == 1;
        });
    }

    @Override
    public void cancelled(DueDelivery d, String reason, OffsetDateTime now) {
        tx.inOrgRun(d.orgId(), dsl -> dsl.update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.STATUS, WebhookDelivery.CANCELLED)
                .set(WEBHOOK_DELIVERIES.LAST_ERROR, reason)
                .setNull(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT)
                .set(WEBHOOK_DELIVERIES.UPDATED_AT, now)
                .where(WEBHOOK_DELIVERIES.ID.eq(d.id()))
                .execute());
    }

    @Override
    public Page<WebhookDelivery> list(String orgId, String webhookId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = WEBHOOK_DELIVERIES.WEBHOOK_ID.eq(webhookId);
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = c.and(DSL.row(WEBHOOK_DELIVERIES.CREATED_AT, WEBHOOK_DELIVERIES.ID)
                        .lt(after.at(), after.id()));
            }
            List<WebhookDelivery> rows = dsl.selectFrom(WEBHOOK_DELIVERIES)
                    .where(c)
                    .orderBy(WEBHOOK_DELIVERIES.CREATED_AT.desc(), WEBHOOK_DELIVERIES.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqDeliveryQueue::map);
            return Page.fromOverfetch(rows, page.limit(), d -> KeysetCursor.of(d.createdAt(), d.id()));
        });
    }

    private static WebhookDelivery map(WebhookDeliveriesRecord r) {
        return new WebhookDelivery(
                r.getId(),
                r.getWebhookId(),
                r.getEventId(),
                r.getEventType(),
                r.getStatus(),
                r.getAttempts(),
                r.getLastStatusCode(),
                r.getLastError(),
                r.getNextAttemptAt(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
