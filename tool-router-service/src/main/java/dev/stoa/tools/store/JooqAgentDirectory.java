package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.KNOWN_AGENTS;

import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.port.AgentDirectory;
import java.time.OffsetDateTime;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** The agents of each org, mirrored from stoa.agents.v1. */
@Component
public final class JooqAgentDirectory implements AgentDirectory {
    private final TenantTransactions tx;

    public JooqAgentDirectory(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean exists(String orgId, String agentId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.fetchExists(dsl.selectOne()
                        .from(KNOWN_AGENTS)
                        .where(KNOWN_AGENTS.AGENT_ID.eq(agentId), KNOWN_AGENTS.DELETED.isFalse())));
    }

    @Override
    public void record(String orgId, String agentId, boolean deleted, OffsetDateTime at) {
        tx.inOrgRun(orgId, dsl -> dsl.insertInto(KNOWN_AGENTS)
                .set(KNOWN_AGENTS.AGENT_ID, agentId)
                .set(KNOWN_AGENTS.ORG_ID, orgId)
                .set(KNOWN_AGENTS.DELETED, deleted)
                .set(KNOWN_AGENTS.UPDATED_AT, at)
                .onConflict(KNOWN_AGENTS.AGENT_ID)
                .doUpdate()
                // a deleted agent stays deleted: agent ids are never reused, and a late "updated" must not revive it
                .set(
                        KNOWN_AGENTS.DELETED,
                        DSL.condition(DSL.excluded(KNOWN_AGENTS.DELETED)).or(KNOWN_AGENTS.DELETED))
                .set(KNOWN_AGENTS.UPDATED_AT, at)
                .execute());
    }
}
