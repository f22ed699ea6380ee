package dev.stoa.workflow.store;

import dev.stoa.store.TenantTransactions;
import dev.stoa.workflow.domain.port.Transactions;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The domain's transactions: the shared tenant transactions (Spring, jOOQ and db-scheduler's client join them). */
@Component
public final class TenantTransactionsAdapter implements Transactions {
    private final TenantTransactions tx;

    public TenantTransactionsAdapter(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public <T> T inOrg(String orgId, Supplier<T> work) {
        return tx.inOrg(orgId, dsl -> work.get());
    }
}
