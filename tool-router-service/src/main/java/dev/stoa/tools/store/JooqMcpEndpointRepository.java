package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.MCP_ENDPOINTS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.McpEndpoint;
import dev.stoa.tools.domain.port.McpEndpointRepository;
import dev.stoa.tools.store.jooq.tables.records.McpEndpointsRecord;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** MCP endpoints; their lists as JSON arrays. */
@Component
public final class JooqMcpEndpointRepository implements McpEndpointRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    private final TenantTransactions tx;

    public JooqMcpEndpointRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(McpEndpoint e) {
        return tx.inOrg(
                e.orgId(),
                dsl -> dsl.insertInto(MCP_ENDPOINTS)
                                .set(MCP_ENDPOINTS.ID, e.id())
                                .set(MCP_ENDPOINTS.ORG_ID, e.orgId())
                                .set(MCP_ENDPOINTS.NAME, e.name())
                                .set(MCP_ENDPOINTS.TOOLS, JSON.writeValueAsString(e.tools()))
                                .set(MCP_ENDPOINTS.TOOL_GROUPS, JSON.writeValueAsString(e.toolGroups()))
                                .set(MCP_ENDPOINTS.AGENTS, JSON.writeValueAsString(e.agents()))
                                .set(MCP_ENDPOINTS.AUTH_MODES, JSON.writeValueAsString(e.authModes()))
                                .set(MCP_ENDPOINTS.CREATED_BY, e.createdBy())
                                .set(MCP_ENDPOINTS.CREATED_AT, e.createdAt())
                                .set(MCP_ENDPOINTS.UPDATED_AT, e.updatedAt())
                                .onConflict(MCP_ENDPOINTS.ORG_ID, MCP_ENDPOINTS.NAME)
                                .doNothing()
                                .execute()
                        == 1);
    }

    @Override
    public boolean update(McpEndpoint e) {
        return tx.inOrg(e.orgId(), dsl -> {
            if (dsl.fetchExists(MCP_ENDPOINTS, MCP_ENDPOINTS.NAME.eq(e.name()).and(MCP_ENDPOINTS.ID.ne(e.id())))) {
                return false;
            }
            dsl.update(MCP_ENDPOINTS)
                    .set(MCP_ENDPOINTS.NAME, e.name())
                    .set(MCP_ENDPOINTS.TOOLS, JSON.writeValueAsString(e.tools()))
                    .set(MCP_ENDPOINTS.TOOL_GROUPS, JSON.writeValueAsString(e.toolGroups()))
                    .set(MCP_ENDPOINTS.AGENTS, JSON.writeValueAsString(e.agents()))
                    .set(MCP_ENDPOINTS.AUTH_MODES, JSON.writeValueAsString(e.authModes()))
                    .set(MCP_ENDPOINTS.UPDATED_AT, e.updatedAt())
                    .where(MCP_ENDPOINTS.ID.eq(e.id()))
                    .execute();
            return true;
        });
    }

    @Override
    public boolean delete(String orgId, String endpointId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(MCP_ENDPOINTS)
                                .where(MCP_ENDPOINTS.ID.eq(endpointId))
                                .execute()
                        == 1);
    }

    @Override
    public Optional<McpEndpoint> find(String orgId, String endpointId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(MCP_ENDPOINTS)
                .where(MCP_ENDPOINTS.ID.eq(endpointId))
                .fetchOptional(JooqMcpEndpointRepository::map));
    }

    @Override
    public Page<McpEndpoint> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            String after = page.after();
            List<McpEndpoint> rows = dsl.selectFrom(MCP_ENDPOINTS)
                    .where(after == null ? MCP_ENDPOINTS.ID.isNotNull() : MCP_ENDPOINTS.ID.lt(after))
                    .orderBy(MCP_ENDPOINTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqMcpEndpointRepository::map);
            return Page.fromOverfetch(rows, page.limit(), McpEndpoint::id);
        });
    }

    private static McpEndpoint map(McpEndpointsRecord r) {
        return new McpEndpoint(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                JSON.readValue(r.getTools(), NAMES),
                JSON.readValue(r.getToolGroups(), NAMES),
                JSON.readValue(r.getAgents(), NAMES),
                JSON.readValue(r.getAuthModes(), NAMES),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
