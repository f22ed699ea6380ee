package dev.stoa.tools.store;

import static dev.stoa.tools.store.jooq.Tables.TOOL_GROUPS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.ToolGroup;
import dev.stoa.tools.domain.port.ToolGroupRepository;
import dev.stoa.tools.store.jooq.tables.records.ToolGroupsRecord;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tool groups; their tool names as a JSON array. */
@Component
public final class JooqToolGroupRepository implements ToolGroupRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantTransactions tx;

    public JooqToolGroupRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(ToolGroup g) {
        return tx.inOrg(
                g.orgId(),
                dsl -> dsl.insertInto(TOOL_GROUPS)
                                .set(TOOL_GROUPS.ID, g.id())
                                .set(TOOL_GROUPS.ORG_ID, g.orgId())
                                .set(TOOL_GROUPS.NAME, g.name())
                                .set(TOOL_GROUPS.DESCRIPTION, g.description())
                                .set(TOOL_GROUPS.TOOLS, JSON.writeValueAsString(g.tools()))
                                .set(TOOL_GROUPS.CREATED_BY, g.createdBy())
                                .set(TOOL_GROUPS.CREATED_AT, g.createdAt())
                                .set(TOOL_GROUPS.UPDATED_AT, g.updatedAt())
                                .onConflict(TOOL_GROUPS.ORG_ID, TOOL_GROUPS.NAME)
                                .doNothing()
                                .execute()
                        == 1);
    }

    @Override
    public boolean update(ToolGroup g) {
        return tx.inOrg(g.orgId(), dsl -> {
            // the unique (org, name) constraint is the backstop; this answers the common case with a clean false
            if (dsl.fetchExists(TOOL_GROUPS, TOOL_GROUPS.NAME.eq(g.name()).and(TOOL_GROUPS.ID.ne(g.id())))) {
                return false;
            }
            dsl.update(TOOL_GROUPS)
                    .set(TOOL_GROUPS.NAME, g.name())
                    .set(TOOL_GROUPS.DESCRIPTION, g.description())
                    .set(TOOL_GROUPS.TOOLS, JSON.writeValueAsString(g.tools()))
                    .set(TOOL_GROUPS.UPDATED_AT, g.updatedAt())
                    .where(TOOL_GROUPS.ID.eq(g.id()))
                    .execute();
            return true;
        });
    }

    @Override
    public boolean delete(String orgId, String groupId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(TOOL_GROUPS)
                                .where(TOOL_GROUPS.ID.eq(groupId))
                                .execute()
                        == 1);
    }

    @Override
    public Optional<ToolGroup> find(String orgId, String groupId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TOOL_GROUPS)
                .where(TOOL_GROUPS.ID.eq(groupId))
                .fetchOptional(JooqToolGroupRepository::map));
    }

    @Override
    public List<ToolGroup> findByNames(String orgId, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(TOOL_GROUPS)
                .where(TOOL_GROUPS.NAME.in(names))
                .fetch(JooqToolGroupRepository::map));
    }

    @Override
    public Page<ToolGroup> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            String after = page.after();
            List<ToolGroup> rows = dsl.selectFrom(TOOL_GROUPS)
                    .where(after == null ? TOOL_GROUPS.ID.isNotNull() : TOOL_GROUPS.ID.lt(after))
                    .orderBy(TOOL_GROUPS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqToolGroupRepository::map);
            return Page.fromOverfetch(rows, page.limit(), ToolGroup::id);
        });
    }

    private static ToolGroup map(ToolGroupsRecord r) {
        return new ToolGroup(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                r.getDescription(),
                JSON.readValue(r.getTools(), new TypeReference<List<String>>() {}),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
