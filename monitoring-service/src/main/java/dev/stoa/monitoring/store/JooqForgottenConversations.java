package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.FORGOTTEN_CONVERSATIONS;
import static dev.stoa.monitoring.store.jooq.Tables.SAFETY_ALERTS;
import static dev.stoa.monitoring.store.jooq.Tables.TOOL_CALLS;

import dev.stoa.monitoring.domain.port.ForgottenConversations;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** {@link ForgottenConversations} in PostgreSQL, one org at a time (RLS): another org's rows are out of reach. */
@Component
public final class JooqForgottenConversations implements ForgottenConversations {
    private final TenantTransactions tx;

    public JooqForgottenConversations(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void forget(String orgId, String conversationId, OffsetDateTime at) {
        tx.inOrgRun(orgId, dsl -> {
            dsl.insertInto(FORGOTTEN_CONVERSATIONS)
                    .set(FORGOTTEN_CONVERSATIONS.ORG_ID, orgId)
                    .set(FORGOTTEN_CONVERSATIONS.CONVERSATION_ID, conversationId)
                    .set(FORGOTTEN_CONVERSATIONS.FORGOTTEN_AT, at)
                    .onConflictDoNothing()
                    .execute();
            dsl.deleteFrom(TOOL_CALLS)
                    .where(TOOL_CALLS.ORG_ID.eq(orgId), TOOL_CALLS.CONVERSATION_ID.eq(conversationId))
                    .execute();
            dsl.update(SAFETY_ALERTS)
                    .set(SAFETY_ALERTS.PREVIEW, "")
                    .where(SAFETY_ALERTS.ORG_ID.eq(orgId), SAFETY_ALERTS.CONVERSATION_ID.eq(conversationId))
                    .execute();
        });
    }

    /** Whether the conversation was forgotten (in the caller's org transaction); a call outside any is not. */
    static boolean forgotten(DSLContext dsl, String orgId, String conversationId) {
        return !conversationId.isEmpty()
                && dsl.fetchExists(
                        FORGOTTEN_CONVERSATIONS,
                        FORGOTTEN_CONVERSATIONS.ORG_ID.eq(orgId),
                        FORGOTTEN_CONVERSATIONS.CONVERSATION_ID.eq(conversationId));
    }
}
