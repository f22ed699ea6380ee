package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.MCP_SERVERS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.McpCredential;
import dev.stoa.tools.domain.model.McpServer;
import dev.stoa.tools.domain.port.McpServerRepository;
import dev.stoa.tools.store.jooq.tables.records.McpServersRecord;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** External MCP servers; the credential's shown part as JSON, its secret sealed in its own column. */
@Component
public final class JooqMcpServerRepository implements McpServerRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantTransactions tx;

    public JooqMcpServerRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(McpServer s, @Nullable String sealedSecret) {
        return tx.inOrg(
                s.orgId(),
                dsl -> dsl.insertInto(MCP_SERVERS)
                                .set(MCP_SERVERS.ID, s.id())
                                .set(MCP_SERVERS.ORG_ID, s.orgId())
                                .set(MCP_SERVERS.NAME, s.name())
                                .set(MCP_SERVERS.URL, s.url())
                                .set(MCP_SERVERS.CREDENTIAL, credential(s.credential()))
                                .set(MCP_SERVERS.CREDENTIAL_SEALED, sealedSecret)
                                .set(MCP_SERVERS.CREATED_BY, s.createdBy())
                                .set(MCP_SERVERS.CREATED_AT, s.createdAt())
                                .set(MCP_SERVERS.UPDATED_AT, s.updatedAt())
                                .onConflict(MCP_SERVERS.ORG_ID, MCP_SERVERS.NAME)
                                .doNothing()
                                .execute()
                        == 1);
    }

    @Override
    public boolean update(McpServer s, @Nullable String sealedSecret) {
        return tx.inOrg(s.orgId(), dsl -> {
            if (dsl.fetchExists(MCP_SERVERS, MCP_SERVERS.NAME.eq(s.name()).and(MCP_SERVERS.ID.ne(s.id())))) {
                return false;
            }
            dsl.update(MCP_SERVERS)
                    .set(MCP_SERVERS.NAME, s.name())
                    .set(MCP_SERVERS.URL, s.url())
                    .set(MCP_SERVERS.CREDENTIAL, credential(s.credential()))
                    .set(MCP_SERVERS.CREDENTIAL_SEALED, sealedSecret)
                    .set(MCP_SERVERS.UPDATED_AT, s.updatedAt())
                    .where(MCP_SERVERS.ID.eq(s.id()))
                    .execute();
            return true;
        });
    }

    @Override
    public boolean delete(String orgId, String serverId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(MCP_SERVERS)
                                .where(MCP_SERVERS.ID.eq(serverId))
                                .execute()
                        == 1);
    }

    @Override
    public Optional<McpServer> find(String orgId, String serverId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(MCP_SERVERS)
                .where(MCP_SERVERS.ID.eq(serverId))
                .fetchOptional(JooqMcpServerRepository::map));
    }

    @Override
    public Optional<String> sealedSecret(String orgId, String serverId) {
        return tx.inOrg(orgId, dsl -> dsl.select(MCP_SERVERS.CREDENTIAL_SEALED)
                .from(MCP_SERVERS)
                .where(MCP_SERVERS.ID.eq(serverId))
                .fetchOptional(MCP_SERVERS.CREDENTIAL_SEALED)
                .filter(v -> v != null));
    }

    @Override
    public Page<McpServer> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            String after = page.after();
            List<McpServer> rows = dsl.selectFrom(MCP_SERVERS)
                    .where(after == null ? MCP_SERVERS.ID.isNotNull() : MCP_SERVERS.ID.lt(after))
                    .orderBy(MCP_SERVERS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqMcpServerRepository::map);
            return Page.fromOverfetch(rows, page.limit(), McpServer::id);
        });
    }

    @Override
    public List<Ref> all() {
        return tx.global(dsl -> dsl.resultQuery("select org_id, id from tools_mcp_servers_all()")
                .fetch(r -> new Ref(r.get(0, String.class), r.get(1, String.class))));
    }

    private static @Nullable String credential(@Nullable McpCredential credential) {
        return credential == null ? null : JSON.writeValueAsString(credential);
    }

    private static McpServer map(McpServersRecord r) {
        String credential = r.getCredential();
        return new McpServer(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                r.getUrl(),
                credential == null ? null : JSON.readValue(credential, McpCredential.class),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
