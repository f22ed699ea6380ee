package dev.stoa.workflow.domain.port;

import java.util.function.Supplier;

/** One database transaction under an org's row-level security; repository calls and scheduling inside join it. */
public interface Transactions {
    <T> T inOrg(String orgId, Supplier<T> work);
}
