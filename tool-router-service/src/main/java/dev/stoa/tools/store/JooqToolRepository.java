package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.TOOLS;

import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolDefinition;
import dev.stoa.tools.domain.port.ToolRepository;
import dev.stoa.tools.store.jooq.tables.records.ToolsRecord;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Registered tools. */
@Component
public final class JooqToolRepository implements ToolRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantTransactions tx;

    public JooqToolRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Tool upsert(Tool tool) {
        ToolDefinition d = tool.definition();
        return tx.inOrg(tool.orgId(), dsl -> dsl.insertInto(TOOLS)
                .set(TOOLS.ID, tool.id())
                .set(TOOLS.ORG_ID, tool.orgId())
                .set(TOOLS.SDK_CONNECTION_ID, tool.connectionId())
                .set(TOOLS.NAME, d.name())
                .set(TOOLS.DESCRIPTION, d.description())
                .set(TOOLS.INPUT_SCHEMA, d.inputSchemaJson())
                .set(TOOLS.TIMEOUT_MS, d.timeoutMs())
                .set(TOOLS.TAGS, JSON.writeValueAsString(d.tags()))
                .set(TOOLS.IDEMPOTENT, d.idempotent())
                .set(TOOLS.VERSION, tool.version())
                .set(TOOLS.CREATED_AT, tool.createdAt())
                .set(TOOLS.UPDATED_AT, tool.updatedAt())
                .set(TOOLS.LAST_REGISTERED_AT, tool.updatedAt())
                .set(TOOLS.SOURCE, tool.source())
                .onConflict(TOOLS.ORG_ID, TOOLS.SDK_CONNECTION_ID, TOOLS.NAME)
                .doUpdate()
                .set(TOOLS.DESCRIPTION, d.description())
                .set(TOOLS.INPUT_SCHEMA, d.inputSchemaJson())
                .set(TOOLS.TIMEOUT_MS, d.timeoutMs())
                .set(TOOLS.TAGS, JSON.writeValueAsString(d.tags()))
                .set(TOOLS.IDEMPOTENT, d.idempotent())
                // a re-registration of the same version keeps its updated_at: only a change is an update
                .set(
                        TOOLS.UPDATED_AT,
                        org.jooq
                                .impl
                                .DSL
                                .when(TOOLS.VERSION.eq(tool.version()), TOOLS.UPDATED_AT)
                                .otherwise(tool.updatedAt()))
                .set(TOOLS.VERSION, tool.version())
                .set(TOOLS.LAST_REGISTERED_AT, tool.updatedAt())
                .returning()
                .fetchSingle(JooqToolRepository::map));
    }

    @Override
    public Optional<Tool> find(String orgId, String connectionId, String name) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TOOLS)
                .where(TOOLS.SDK_CONNECTION_ID.eq(connectionId).and(TOOLS.NAME.eq(name)))
                .fetchOptional(JooqToolRepository::map));
    }

    @Override
    public Optional<Tool> findById(String orgId, String toolId) {
        return tx.inOrg(
                orgId, dsl -> dsl.selectFrom(TOOLS).where(TOOLS.ID.eq(toolId)).fetchOptional(JooqToolRepository::map));
    }

    @Override
    public void deleteConnection(String orgId, String connectionId) {
        tx.inOrgRun(orgId, dsl -> dsl.deleteFrom(TOOLS)
                .where(TOOLS.SDK_CONNECTION_ID.eq(connectionId))
                .execute());
    }

    @Override
    public void delete(String orgId, String connectionId, java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        tx.inOrgRun(orgId, dsl -> dsl.deleteFrom(TOOLS)
                .where(TOOLS.SDK_CONNECTION_ID.eq(connectionId).and(TOOLS.NAME.in(names)))
                .execute());
    }

    @Override
    public List<Tool> list(String orgId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TOOLS)
                .orderBy(TOOLS.NAME, TOOLS.ID)
                .limit(10_000)
                .fetch(JooqToolRepository::map));
    }

    private static Tool map(ToolsRecord r) {
        return new Tool(
                r.getId(),
                r.getOrgId(),
                r.getSdkConnectionId(),
                new ToolDefinition(
                        r.getName(),
                        r.getDescription(),
                        r.getInputSchema(),
                        r.getTimeoutMs(),
                        JSON.readValue(r.getTags(), new TypeReference<List<String>>() {}),
                        r.getIdempotent()),
                r.getVersion(),
                r.getSource(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
