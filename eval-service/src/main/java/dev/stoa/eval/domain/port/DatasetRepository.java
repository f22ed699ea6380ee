package dev.stoa.eval.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.model.Dataset;
import dev.stoa.eval.domain.model.EvalCase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Datasets and their versioned cases. Case changes lock the dataset row, so concurrent changes get distinct versions. */
public interface DatasetRepository {
    void insert(Dataset dataset);

    Optional<Dataset> find(String orgId, String id);

    Page<Dataset> list(String orgId, PageRequest page);

    /** Renames or re-describes; the case list (and so the version) is unchanged. */
    Optional<Dataset> update(
            String orgId, String id, @Nullable String name, @Nullable String description, OffsetDateTime now);

    boolean delete(String orgId, String id);

    /** Case {@code caseId} as the dataset's latest version holds it. */
    Optional<EvalCase> currentCase(String orgId, String caseId);

    /** The dataset holding case {@code caseId} now, if any. */
    Optional<String> datasetOfCase(String orgId, String caseId);

    /**
     * One change to the case list as a new version: closes the current rows of {@code remove} (and of the ids in
     * {@code put} that exist), then adds {@code put}. Nothing changes unless the outcome is {@link Outcome#DONE}.
     */
    Changed change(String orgId, String datasetId, CaseChange change, OffsetDateTime now);

    /** Cases of {@code version} in dataset order, keyset-paged by position. */
    Page<EvalCase> cases(String orgId, String datasetId, int version, PageRequest page);

    /** Every case of {@code version} in dataset order (exports and runs; at most the per-dataset limit). */
    List<EvalCase> allCases(String orgId, String datasetId, int version);

    /**
     * Cases to add or replace ({@code put}: id to content; an id that is current is replaced) and to remove, plus the
     * largest case count the dataset may reach (checked under the lock).
     */
    record CaseChange(List<Put> put, List<String> remove, int maxCases) {}

    /** What a change did: the dataset after it when done. */
    record Changed(Outcome outcome, @Nullable Dataset dataset) {}

    /** Why a change did nothing, or that it was done. */
    enum Outcome {
        DONE,
        DATASET_NOT_FOUND,
        CASE_NOT_FOUND,
        TOO_MANY_CASES
    }

    /** One case's new content; {@code mustExist}: an update of a current case (else a new case). */
    record Put(String caseId, CaseContent content, boolean mustExist) {}
}
