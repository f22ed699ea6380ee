package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.AGENT_TOOL_CONFIGS;

import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.ToolConfig;
import dev.stoa.tools.domain.port.ToolConfigRepository;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Agents' tool configs, stored as JSON (the record's own shape). */
@Component
public final class JooqToolConfigRepository implements ToolConfigRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantTransactions tx;

    public JooqToolConfigRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<ToolConfig> find(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> dsl.select(AGENT_TOOL_CONFIGS.CONFIG)
                .from(AGENT_TOOL_CONFIGS)
                .where(AGENT_TOOL_CONFIGS.AGENT_ID.eq(agentId))
                .fetchOptional(r -> JSON.readValue(r.value1(), ToolConfig.class)));
    }

    @Override
    public void save(String orgId, String agentId, ToolConfig config, String updatedBy, OffsetDateTime at) {
        String json = JSON.writeValueAsString(config);
        tx.inOrgRun(orgId, dsl -> dsl.insertInto(AGENT_TOOL_CONFIGS)
                .set(AGENT_TOOL_CONFIGS.AGENT_ID, agentId)
                .set(AGENT_TOOL_CONFIGS.ORG_ID, orgId)
                .set(AGENT_TOOL_CONFIGS.CONFIG, json)
                .set(AGENT_TOOL_CONFIGS.UPDATED_BY, updatedBy)
                .set(AGENT_TOOL_CONFIGS.UPDATED_AT, at)
                .onConflict(AGENT_TOOL_CONFIGS.AGENT_ID)
                .doUpdate()
                .set(AGENT_TOOL_CONFIGS.CONFIG, json)
                .set(AGENT_TOOL_CONFIGS.UPDATED_BY, updatedBy)
                .set(AGENT_TOOL_CONFIGS.UPDATED_AT, at)
                .execute());
    }
}
