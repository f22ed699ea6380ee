package dev.stoa.eval.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.model.CaseDraft;
import dev.stoa.eval.domain.model.Dataset;
import dev.stoa.eval.domain.model.EvalCase;
import dev.stoa.eval.domain.port.DatasetRepository;
import dev.stoa.eval.domain.port.DatasetRepository.CaseChange;
import dev.stoa.eval.domain.port.DatasetRepository.Changed;
import dev.stoa.eval.domain.port.DatasetRepository.Put;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Datasets and their cases. Every change to the cases (create, update, delete, import) makes a new immutable version
 * of the dataset; a run reads the version it names. Limits: 10,000 cases per dataset, imports of 5 MB (the body
 * limit), case sizes per {@link CaseRules}.
 */
@Service
public final class DatasetService {
    /** Most cases one dataset version holds. */
    public static final int MAX_CASES = 10_000;

    private final DatasetRepository datasets;
    private final Clock clock;

    public DatasetService(DatasetRepository datasets, Clock clock) {
        this.datasets = datasets;
        this.clock = clock;
    }

    public Dataset create(Principal principal, String name, @Nullable String description) {
        String orgId = Access.write(principal);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Dataset dataset = new Dataset(
                Ids.generate("eds"),
                orgId,
                name.strip(),
                description == null ? "" : description.strip(),
                1,
                0,
                now,
                now);
        datasets.insert(dataset);
        return dataset;
    }

    public Page<Dataset> list(Principal principal, PageRequest page) {
        return datasets.list(Access.read(principal), page);
    }

    public Dataset get(Principal principal, String id) {
        return find(Access.read(principal), id);
    }

    public Dataset update(Principal principal, String id, @Nullable String name, @Nullable String description) {
        String orgId = Access.write(principal);
        return datasets.update(
                        orgId,
                        id,
                        name == null ? null : name.strip(),
                        description == null ? null : description.strip(),
                        OffsetDateTime.now(clock))
                .orElseThrow(() -> new NotFoundException("dataset", id));
    }

    public void delete(Principal principal, String id) {
        if (!datasets.delete(Access.write(principal), id)) {
            throw new NotFoundException("dataset", id);
        }
    }

    /** The cases of {@code version} (the latest when null); an unknown version is 404 naming it. */
    public Page<EvalCase> cases(Principal principal, String datasetId, @Nullable Integer version, PageRequest page) {
        String orgId = Access.read(principal);
        Dataset dataset = find(orgId, datasetId);
        return datasets.cases(orgId, datasetId, version(dataset, version, "version"), page);
    }

    /** Every case of {@code version} (latest when null), for export. */
    public List<EvalCase> export(Principal principal, String datasetId, @Nullable Integer version) {
        String orgId = Access.read(principal);
        Dataset dataset = find(orgId, datasetId);
        return datasets.allCases(orgId, datasetId, version(dataset, version, "version"));
    }

    /** Adds a case: a new version holding it. */
    public EvalCase addCase(Principal principal, String datasetId, CaseDraft draft) {
        String orgId = Access.write(principal);
        CaseContent content = CaseRules.check(draft, "");
        String caseId = Ids.generate("ecs");
        Dataset dataset = apply(orgId, datasetId, List.of(new Put(caseId, content, false)), List.of());
        return current(orgId, dataset, caseId);
    }

    /** Replaces a case's content: a new version with the new content (older versions keep the old). */
    public EvalCase updateCase(Principal principal, String caseId, CaseDraft draft) {
        String orgId = Access.write(principal);
        CaseContent content = CaseRules.check(draft, "");
        String datasetId =
                datasets.datasetOfCase(orgId, caseId).orElseThrow(() -> new NotFoundException("case", caseId));
        Dataset dataset = apply(orgId, datasetId, List.of(new Put(caseId, content, true)), List.of());
        return current(orgId, dataset, caseId);
    }

    /** Removes a case: a new version without it. */
    public void deleteCase(Principal principal, String caseId) {
        String orgId = Access.write(principal);
        String datasetId =
                datasets.datasetOfCase(orgId, caseId).orElseThrow(() -> new NotFoundException("case", caseId));
        apply(orgId, datasetId, List.of(), List.of(caseId));
    }

    /**
     * Adds every line of a JSONL body as a new case, in one new version, or nothing: a bad line is a 422 naming it
     * ({@code line[7].input}).
     */
    public Dataset importCases(Principal principal, String datasetId, String body) {
        String orgId = Access.write(principal);
        find(orgId, datasetId);
        List<Put> puts = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String prefix = "line[" + (i + 1) + "].";
            try {
                CaseContent content = CaseRules.check(CaseRules.parseLine(lines[i], prefix), prefix);
                puts.add(new Put(Ids.generate("ecs"), content, false));
            } catch (InvalidInputException e) {
                throw new StoaException(
                        ErrorKind.FAILED_PRECONDITION,
                        "import_line_invalid",
                        "line " + (i + 1) + " of the import is not a valid case; nothing was imported",
                        false,
                        e.fieldErrors(),
                        null);
            }
            if (puts.size() > MAX_CASES) {
                break;
            }
        }
        if (puts.isEmpty()) {
            throw new InvalidInputException("body", "holds no case (one JSON object per line)");
        }
        return apply(orgId, datasetId, puts, List.of());
    }

    /** The version a caller named, checked against the dataset (latest when null). */
    static int version(Dataset dataset, @Nullable Integer version, String field) {
        if (version == null) {
            return dataset.version();
        }
        if (version < 1 || version > dataset.version()) {
            throw new NotFoundException("dataset version", field + "=" + version);
        }
        return version;
    }

    private Dataset apply(String orgId, String datasetId, List<Put> puts, List<String> removes) {
        Changed changed =
                datasets.change(orgId, datasetId, new CaseChange(puts, removes, MAX_CASES), OffsetDateTime.now(clock));
        return switch (changed.outcome()) {
            case DONE -> {
                Dataset dataset = changed.dataset();
                if (dataset == null) {
                    throw new IllegalStateException("a done change returns the dataset");
                }
                yield dataset;
            }
            case DATASET_NOT_FOUND -> throw new NotFoundException("dataset", datasetId);
            case CASE_NOT_FOUND ->
                throw new NotFoundException(
                        "case", removes.isEmpty() ? puts.getFirst().caseId() : removes.getFirst());
            case TOO_MANY_CASES ->
                throw new StoaException(
                        ErrorKind.FAILED_PRECONDITION,
                        "too_many_cases",
                        "a dataset holds at most " + MAX_CASES + " cases",
                        false,
                        List.of(new StoaException.FieldError("cases", "at most " + MAX_CASES + " per dataset")),
                        null);
        };
    }

    private EvalCase current(String orgId, Dataset dataset, String caseId) {
        return datasets.currentCase(orgId, caseId)
                .filter(c -> c.datasetId().equals(dataset.id()))
                .orElseThrow(() -> new NotFoundException("case", caseId));
    }

    private Dataset find(String orgId, String id) {
        return datasets.find(orgId, id).orElseThrow(() -> new NotFoundException("dataset", id));
    }
}
