package dev.stoa.workflow.store;

import static dev.stoa.workflow.store.jooq.Tables.WORKFLOWS;
import static dev.stoa.workflow.store.jooq.Tables.WORKFLOW_VERSIONS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import dev.stoa.workflow.domain.model.Workflow;
import dev.stoa.workflow.domain.port.WorkflowRepository;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Workflows and their versions in PostgreSQL; a workflow reads with its latest version's definition. */
@Component
public final class JooqWorkflowRepository implements WorkflowRepository {
    private final TenantTransactions tx;

    public JooqWorkflowRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Workflow w) {
        tx.inOrgRun(w.orgId(), dsl -> {
            dsl.insertInto(WORKFLOWS)
                    .set(WORKFLOWS.ID, w.id())
                    .set(WORKFLOWS.ORG_ID, w.orgId())
                    .set(WORKFLOWS.NAME, w.name())
                    .set(WORKFLOWS.DESCRIPTION, w.description())
                    .set(WORKFLOWS.LATEST_VERSION, w.version())
                    .set(WORKFLOWS.CREATED_AT, w.createdAt())
                    .set(WORKFLOWS.UPDATED_AT, w.updatedAt())
                    .execute();
            insertVersion(dsl, w);
        });
    }

    @Override
    public Optional<Workflow> find(String orgId, String id) {
        return tx.inOrg(orgId, dsl -> dsl.select()
                .from(WORKFLOWS)
                .join(WORKFLOW_VERSIONS)
                .on(
                        WORKFLOW_VERSIONS.WORKFLOW_ID.eq(WORKFLOWS.ID),
                        WORKFLOW_VERSIONS.VERSION.eq(WORKFLOWS.LATEST_VERSION))
                .where(WORKFLOWS.ID.eq(id), WORKFLOWS.DELETED_AT.isNull())
                .fetchOptional(JooqWorkflowRepository::map));
    }

    @Override
    public Optional<String> definition(String orgId, String id, int version) {
        return tx.inOrg(orgId, dsl -> dsl.select(WORKFLOW_VERSIONS.DEFINITION)
                .from(WORKFLOW_VERSIONS)
                .where(WORKFLOW_VERSIONS.WORKFLOW_ID.eq(id), WORKFLOW_VERSIONS.VERSION.eq(version))
                .fetchOptional(WORKFLOW_VERSIONS.DEFINITION));
    }

    @Override
    public Page<Workflow> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = WORKFLOWS.DELETED_AT.isNull();
            String after = page.after();
            if (after != null) {
                KeysetCursor k = KeysetCursor.parse(after);
                c = c.and(DSL.row(WORKFLOWS.CREATED_AT, WORKFLOWS.ID).lt(k.at(), k.id()));
            }
            List<Workflow> rows = dsl.select()
                    .from(WORKFLOWS)
                    .join(WORKFLOW_VERSIONS)
                    .on(
                            WORKFLOW_VERSIONS.WORKFLOW_ID.eq(WORKFLOWS.ID),
                            WORKFLOW_VERSIONS.VERSION.eq(WORKFLOWS.LATEST_VERSION))
                    .where(c)
                    .orderBy(WORKFLOWS.CREATED_AT.desc(), WORKFLOWS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqWorkflowRepository::map);
            return Page.fromOverfetch(rows, page.limit(), w -> KeysetCursor.of(w.createdAt(), w.id()));
        });
    }

    @Override
    public void update(Workflow w, boolean newVersion) {
        tx.inOrgRun(w.orgId(), dsl -> {
            dsl.update(WORKFLOWS)
                    .set(WORKFLOWS.NAME, w.name())
                    .set(WORKFLOWS.DESCRIPTION, w.description())
                    .set(WORKFLOWS.LATEST_VERSION, w.version())
                    .set(WORKFLOWS.UPDATED_AT, w.updatedAt())
                    .where(WORKFLOWS.ID.eq(w.id()))
                    .execute();
            if (newVersion) {
                insertVersion(dsl, w);
            }
        });
    }

    @Override
    public boolean delete(String orgId, String id, OffsetDateTime now) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(WORKFLOWS)
                                .set(WORKFLOWS.DELETED_AT, now)
                                .where(WORKFLOWS.ID.eq(id), WORKFLOWS.DELETED_AT.isNull())
                                .execute()
                        == 1);
    }

    private static void insertVersion(org.jooq.DSLContext dsl, Workflow w) {
        dsl.insertInto(WORKFLOW_VERSIONS)
                .set(WORKFLOW_VERSIONS.ORG_ID, w.orgId())
                .set(WORKFLOW_VERSIONS.WORKFLOW_ID, w.id())
                .set(WORKFLOW_VERSIONS.VERSION, w.version())
                .set(WORKFLOW_VERSIONS.DEFINITION, w.definitionJson())
                .set(WORKFLOW_VERSIONS.CREATED_AT, w.updatedAt())
                .execute();
    }

    private static Workflow map(Record r) {
        return new Workflow(
                r.get(WORKFLOWS.ID),
                r.get(WORKFLOWS.ORG_ID),
                r.get(WORKFLOWS.NAME),
                r.get(WORKFLOWS.DESCRIPTION),
                r.get(WORKFLOWS.LATEST_VERSION),
                r.get(WORKFLOW_VERSIONS.DEFINITION),
                r.get(WORKFLOWS.CREATED_AT),
                r.get(WORKFLOWS.UPDATED_AT));
    }
}
