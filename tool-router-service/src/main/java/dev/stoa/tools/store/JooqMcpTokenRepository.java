package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.MCP_TOKENS;

import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.McpToken;
import dev.stoa.tools.domain.port.McpTokenRepository;
import dev.stoa.tools.store.jooq.tables.records.McpTokensRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Personal access tokens of the MCP gateway; endpoint ids as a JSON array. */
@Component
public final class JooqMcpTokenRepository implements McpTokenRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantTransactions tx;

    public JooqMcpTokenRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(McpToken t, String tokenHash) {
        tx.inOrgRun(t.orgId(), dsl -> dsl.insertInto(MCP_TOKENS)
                .set(MCP_TOKENS.ID, t.id())
                .set(MCP_TOKENS.ORG_ID, t.orgId())
                .set(MCP_TOKENS.NAME, t.name())
                .set(MCP_TOKENS.TOKEN_HASH, tokenHash)
                .set(MCP_TOKENS.ENDPOINT_IDS, JSON.writeValueAsString(t.endpointIds()))
                .set(MCP_TOKENS.USER_ID, t.userId())
                .set(MCP_TOKENS.CREATED_AT, t.createdAt())
                .set(MCP_TOKENS.EXPIRES_AT, t.expiresAt())
                .execute());
    }

    @Override
    public Optional<McpToken> findByHash(String tokenHash) {
        Optional<String[]> ref =
                tx.global(dsl -> dsl.resultQuery("select org_id, id from tools_mcp_token_lookup(?)", tokenHash)
                        .fetchOptional(r -> new String[] {r.get(0, String.class), r.get(1, String.class)}));
        return ref.flatMap(r -> find(r[0], r[1]));
    }

    @Override
    public List<McpToken> list(String orgId, @Nullable String userId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(MCP_TOKENS)
                .where(userId == null ? MCP_TOKENS.ID.isNotNull() : MCP_TOKENS.USER_ID.eq(userId))
                .orderBy(MCP_TOKENS.ID.desc())
                .limit(1000)
                .fetch(JooqMcpTokenRepository::map));
    }

    @Override
    public Optional<McpToken> find(String orgId, String tokenId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(MCP_TOKENS)
                .where(MCP_TOKENS.ID.eq(tokenId))
                .fetchOptional(JooqMcpTokenRepository::map));
    }

    @Override
    public boolean revoke(String orgId, String tokenId, OffsetDateTime at) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(MCP_TOKENS)
                                .set(MCP_TOKENS.REVOKED_AT, at)
                                .where(MCP_TOKENS.ID.eq(tokenId).and(MCP_TOKENS.REVOKED_AT.isNull()))
                                .execute()
                        == 1);
    }

    private static McpToken map(McpTokensRecord r) {
        return new McpToken(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                JSON.readValue(r.getEndpointIds(), new TypeReference<List<String>>() {}),
                r.getUserId(),
                r.getCreatedAt(),
                r.getExpiresAt(),
                r.getRevokedAt());
    }
}
