package dev.stoa.store;

import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs jOOQ work in a Spring transaction with the PostgreSQL setting {@code stoa.org_id} that row-level security
 * policies compare against; joins a surrounding transaction and restores its org afterwards.
 */
public final class TenantTransactions {
    private static final String SETTING = "stoa.org_id";

    private final DSLContext dsl;
    private final TransactionTemplate transactions;

    public TenantTransactions(DSLContext dsl, PlatformTransactionManager transactionManager) {
        this.dsl = dsl;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs {@code work} with RLS scoped to {@code orgId}; tenant tables show only that org's rows. */
    public <T extends @Nullable Object> T inOrg(String orgId, Function<DSLContext, T> work) {
        if (orgId == null || orgId.isBlank()) {
            throw new IllegalArgumentException("orgId must not be blank");
        }
        return scoped(orgId, work);
    }

    public void inOrgRun(String orgId, Consumer<DSLContext> work) {
        this.<@Nullable Void>inOrg(orgId, tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Runs {@code work} with no org set, for global tables and SECURITY DEFINER lookups; tenant tables return no
     * rows and accept no writes.
     */
    public <T extends @Nullable Object> T global(Function<DSLContext, T> work) {
        return scoped("", work);
    }

    public void globalRun(Consumer<DSLContext> work) {
        this.<@Nullable Void>global(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private <T extends @Nullable Object> T scoped(String orgId, Function<DSLContext, T> work) {
        boolean joining = TransactionSynchronizationManager.isActualTransactionActive();
        return transactions.execute(status -> {
            if (!joining) {
                // set_config(..., true) ends with the transaction: nothing to restore.
                set(orgId);
                return work.apply(dsl);
            }
            String outer = currentOrg();
            set(orgId);
            T value;
            try {
                value = work.apply(dsl);
            } catch (RuntimeException | Error e) {
                try {
                    set(outer);
                } catch (RuntimeException restoreFailed) {
                    // After an SQL error PostgreSQL refuses every statement until the rollback Spring will do.
                    e.addSuppressed(restoreFailed);
                }
                throw e;
            }
            // The caller's transaction continues under its own org, never under ours.
            set(outer);
            return value;
        });
    }

    private String currentOrg() {
        return dsl.fetchValue("select current_setting(?, true)", SETTING) instanceof String s ? s : "";
    }

    private void set(String orgId) {
        dsl.fetch("select set_config(?, ?, true)", SETTING, orgId);
    }
}
