package dev.stoa.eval.store;

import static dev.stoa.eval.store.jooq.Tables.EVAL_CASES;
import static dev.stoa.eval.store.jooq.Tables.EVAL_DATASETS;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.model.Dataset;
import dev.stoa.eval.domain.model.EvalCase;
import dev.stoa.eval.domain.port.DatasetRepository;
import dev.stoa.eval.store.jooq.tables.records.EvalCasesRecord;
import dev.stoa.eval.store.jooq.tables.records.EvalDatasetsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Datasets and case rows in PostgreSQL; a row is in versions added_version <= v < removed_version. */
@Component
public final class JooqDatasetRepository implements DatasetRepository {
    private final TenantTransactions tx;

    public JooqDatasetRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Dataset d) {
        tx.inOrgRun(d.orgId(), dsl -> dsl.insertInto(EVAL_DATASETS)
                .set(EVAL_DATASETS.ID, d.id())
                .set(EVAL_DATASETS.ORG_ID, d.orgId())
                .set(EVAL_DATASETS.NAME, d.name())
                .set(EVAL_DATASETS.DESCRIPTION, d.description())
                .set(EVAL_DATASETS.VERSION, d.version())
                .set(EVAL_DATASETS.CASE_COUNT, d.caseCount())
                .set(EVAL_DATASETS.CREATED_AT, d.createdAt())
                .set(EVAL_DATASETS.UPDATED_AT, d.updatedAt())
                .execute());
    }

    @Override
    public Optional<Dataset> find(String orgId, String id) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_DATASETS)
                .where(EVAL_DATASETS.ID.eq(id))
                .fetchOptional(JooqDatasetRepository::map));
    }

    @Override
    public Page<Dataset> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = DSL.trueCondition();
            if (page.after() != null) {
                KeysetCursor after = KeysetCursor.parse(page.after());
                c = DSL.row(EVAL_DATASETS.CREATED_AT, EVAL_DATASETS.ID).lt(after.at(), after.id());
            }
            List<Dataset> rows = dsl.selectFrom(EVAL_DATASETS)
                    .where(c)
                    .orderBy(EVAL_DATASETS.CREATED_AT.desc(), EVAL_DATASETS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqDatasetRepository::map);
            return Page.fromOverfetch(rows, page.limit(), d -> KeysetCursor.of(d.createdAt(), d.id()));
        });
    }

    @Override
    public Optional<Dataset> update(
            String orgId, String id, @Nullable String name, @Nullable String description, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> {
            var update = dsl.update(EVAL_DATASETS).set(EVAL_DATASETS.UPDATED_AT, now);
            if (name != null) {
                update = update.set(EVAL_DATASETS.NAME, name);
            }
            if (description != null) {
                update = update.set(EVAL_DATASETS.DESCRIPTION, description);
            }
            return update.where(EVAL_DATASETS.ID.eq(id))
                    .returning()
                    .fetchOptional()
                    .map(JooqDatasetRepository::map);
        });
    }

    @Override
    public boolean delete(String orgId, String id) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(EVAL_DATASETS)
                                .where(EVAL_DATASETS.ID.eq(id))
                                .execute()
                        == 1);
    }

    @Override
    public Optional<EvalCase> currentCase(String orgId, String caseId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_CASES)
                .where(EVAL_CASES.CASE_ID.eq(caseId), EVAL_CASES.REMOVED_VERSION.isNull())
                .fetchOptional(JooqDatasetRepository::map));
    }

    @Override
    public Optional<String> datasetOfCase(String orgId, String caseId) {
        return currentCase(orgId, caseId).map(EvalCase::datasetId);
    }

    @Override
    public Changed change(String orgId, String datasetId, CaseChange change, OffsetDateTime now) {
        return tx.inOrg(orgId, dsl -> {
            EvalDatasetsRecord dataset = dsl.selectFrom(EVAL_DATASETS)
                    .where(EVAL_DATASETS.ID.eq(datasetId))
                    .forUpdate()
                    .fetchOne();
            if (dataset == null) {
                return new Changed(Outcome.DATASET_NOT_FOUND, null);
            }
            Set<String> touched = new HashSet<>(change.remove());
            change.put().stream().filter(Put::mustExist).forEach(p -> touched.add(p.caseId()));
            Map<String, Long> current = dsl.select(EVAL_CASES.CASE_ID, EVAL_CASES.POSITION)
                    .from(EVAL_CASES)
                    .where(
                            EVAL_CASES.DATASET_ID.eq(datasetId),
                            EVAL_CASES.REMOVED_VERSION.isNull(),
                            EVAL_CASES.CASE_ID.in(touched))
                    .fetchMap(EVAL_CASES.CASE_ID, EVAL_CASES.POSITION);
            if (!current.keySet().containsAll(touched)) {
                return new Changed(Outcome.CASE_NOT_FOUND, null);
            }
            long added = change.put().stream().filter(p -> !p.mustExist()).count();
            int count = (int) (dataset.getCaseCount() + added - change.remove().size());
            if (count > change.maxCases()) {
                return new Changed(Outcome.TOO_MANY_CASES, null);
            }
            int version = dataset.getVersion() + 1;
            if (!touched.isEmpty()) {
                dsl.update(EVAL_CASES)
                        .set(EVAL_CASES.REMOVED_VERSION, version)
                        .where(
                                EVAL_CASES.DATASET_ID.eq(datasetId),
                                EVAL_CASES.REMOVED_VERSION.isNull(),
                                EVAL_CASES.CASE_ID.in(touched))
                        .execute();
            }
            Long max = dsl.select(DSL.max(EVAL_CASES.POSITION))
                    .from(EVAL_CASES)
                    .where(EVAL_CASES.DATASET_ID.eq(datasetId))
                    .fetchOne(0, Long.class);
            long next = max == null ? 0 : max + 1;
            insertCases(dsl, orgId, datasetId, version, change.put(), current, next, now);
            return new Changed(
                    Outcome.DONE,
                    dsl.update(EVAL_DATASETS)
                            .set(EVAL_DATASETS.VERSION, version)
                            .set(EVAL_DATASETS.CASE_COUNT, count)
                            .set(EVAL_DATASETS.UPDATED_AT, now)
                            .where(EVAL_DATASETS.ID.eq(datasetId))
                            .returning()
                            .fetchOptional()
                            .map(JooqDatasetRepository::map)
                            .orElseThrow());
        });
    }

    private static void insertCases(
            DSLContext dsl,
            String orgId,
            String datasetId,
            int version,
            List<Put> puts,
            Map<String, Long> positions,
            long next,
            OffsetDateTime now) {
        if (puts.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(
                EVAL_CASES,
                EVAL_CASES.ORG_ID,
                EVAL_CASES.DATASET_ID,
                EVAL_CASES.CASE_ID,
                EVAL_CASES.ADDED_VERSION,
                EVAL_CASES.POSITION,
                EVAL_CASES.INPUT,
                EVAL_CASES.INPUT_JSON,
                EVAL_CASES.CONTEXT,
                EVAL_CASES.EXPECTED,
                EVAL_CASES.SCORERS,
                EVAL_CASES.CREATED_AT);
        long position = next;
        for (Put put : puts) {
            Long kept = positions.get(put.caseId());
            CaseContent c = put.content();
            insert = insert.values(
                    orgId,
                    datasetId,
                    put.caseId(),
                    version,
                    kept != null ? kept : position++,
                    c.input(),
                    c.inputJson(),
                    c.contextJson(),
                    c.expected(),
                    c.scorersJson(),
                    now);
        }
        insert.execute();
    }

    @Override
    public Page<EvalCase> cases(String orgId, String datasetId, int version, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition c = inVersion(datasetId, version);
            if (page.after() != null) {
                c = c.and(EVAL_CASES.POSITION.gt(position(page.after())));
            }
            List<EvalCase> rows = dsl.selectFrom(EVAL_CASES)
                    .where(c)
                    .orderBy(EVAL_CASES.POSITION)
                    .limit(page.limit() + 1)
                    .fetch(JooqDatasetRepository::map);
            return Page.fromOverfetch(rows, page.limit(), e -> Long.toString(e.position()));
        });
    }

    @Override
    public List<EvalCase> allCases(String orgId, String datasetId, int version) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(EVAL_CASES)
                .where(inVersion(datasetId, version))
                .orderBy(EVAL_CASES.POSITION)
                .fetch(JooqDatasetRepository::map));
    }

    private static Condition inVersion(String datasetId, int version) {
        return EVAL_CASES
                .DATASET_ID
                .eq(datasetId)
                .and(EVAL_CASES.ADDED_VERSION.le(version))
                .and(EVAL_CASES.REMOVED_VERSION.isNull().or(EVAL_CASES.REMOVED_VERSION.gt(version)));
    }

    private static long position(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }

    private static Dataset map(EvalDatasetsRecord r) {
        return new Dataset(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                r.getDescription(),
                r.getVersion(),
                r.getCaseCount(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }

    private static EvalCase map(EvalCasesRecord r) {
        return new EvalCase(
                r.getCaseId(),
                r.getDatasetId(),
                r.getAddedVersion(),
                r.getPosition(),
                new CaseContent(r.getInput(), r.getInputJson(), r.getContext(), r.getExpected(), r.getScorers()),
                r.getCreatedAt());
    }
}
