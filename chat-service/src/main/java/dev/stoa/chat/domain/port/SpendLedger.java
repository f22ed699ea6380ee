package dev.stoa.chat.domain.port;

import java.util.OptionalLong;

/** The platform's cost ledger (monitoring-service), asked before a turn of an agent with a monthly budget. */
public interface SpendLedger {
    /** The agent's spend in the current UTC month, micro-USD; empty when the ledger cannot be asked now. */
    OptionalLong monthSpent(String orgId, String agentId);
}
