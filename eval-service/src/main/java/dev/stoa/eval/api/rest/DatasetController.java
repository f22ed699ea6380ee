package dev.stoa.eval.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.api.rest.DatasetRequests.CaseBody;
import dev.stoa.eval.api.rest.DatasetRequests.CreateDataset;
import dev.stoa.eval.api.rest.DatasetRequests.UpdateDataset;
import dev.stoa.eval.api.rest.EvalViews.CaseView;
import dev.stoa.eval.api.rest.EvalViews.DatasetView;
import dev.stoa.eval.domain.DatasetService;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Evals group's datasets and cases. Every change to a dataset's cases makes a new immutable version; reads take
 * {@code ?version=} (latest by default). Members read (API keys: evals:read), members and above write (evals:write).
 */
@RestController
@Validated
@RequestMapping("/api/v1/evals")
@Tag(name = "Evals")
public class DatasetController {
    private static final String NDJSON = "application/x-ndjson";
    private static final String JSONL = "application/jsonl";

    private final DatasetService datasets;

    public DatasetController(DatasetService datasets) {
        this.datasets = datasets;
    }

    @GetMapping("/datasets")
    @Operation(operationId = "listEvalDatasets", summary = "List eval datasets, newest first.")
    public PageResponse<DatasetView> list(
            Principal principal,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                datasets.list(principal, PageRequest.of(limit, cursor)).map(DatasetView::of));
    }

    @PostMapping("/datasets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createEvalDataset", summary = "Create a dataset (version 1, no cases).")
    public ResponseEntity<DatasetView> create(Principal principal, @Valid @RequestBody CreateDataset body) {
        DatasetView view = DatasetView.of(datasets.create(principal, body.name(), body.description()));
        return ResponseEntity.created(URI.create("/api/v1/evals/datasets/" + view.id()))
                .body(view);
    }

    @GetMapping("/datasets/{dataset_id}")
    @Operation(operationId = "getEvalDataset", summary = "Get a dataset.")
    public DatasetView get(Principal principal, @PathVariable("dataset_id") @Size(max = 40) String id) {
        return DatasetView.of(datasets.get(principal, id));
    }

    @PatchMapping("/datasets/{dataset_id}")
    @Operation(operationId = "updateEvalDataset", summary = "Rename or re-describe a dataset (its version is kept).")
    public DatasetView update(
            Principal principal,
            @PathVariable("dataset_id") @Size(max = 40) String id,
            @Valid @RequestBody UpdateDataset body) {
        return DatasetView.of(datasets.update(principal, id, body.name(), body.description()));
    }

    @DeleteMapping("/datasets/{dataset_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteEvalDataset", summary = "Delete a dataset and every version of its cases.")
    public void delete(Principal principal, @PathVariable("dataset_id") @Size(max = 40) String id) {
        datasets.delete(principal, id);
    }

    @GetMapping("/datasets/{dataset_id}/cases")
    @Operation(operationId = "listEvalCases", summary = "List the cases of a dataset version (latest by default).")
    public PageResponse<CaseView> cases(
            Principal principal,
            @PathVariable("dataset_id") @Size(max = 40) String id,
            @RequestParam(name = "version", required = false) @Nullable Integer version,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(datasets.cases(principal, id, version, PageRequest.of(limit, cursor))
                .map(CaseView::of));
    }

    @PostMapping("/datasets/{dataset_id}/cases")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createEvalCase", summary = "Add a case (makes a new dataset version).")
    public CaseView createCase(
            Principal principal, @PathVariable("dataset_id") @Size(max = 40) String id, @RequestBody CaseBody body) {
        return CaseView.of(datasets.addCase(principal, id, body.draft()));
    }

    @PatchMapping("/cases/{case_id}")
    @Operation(
            operationId = "updateEvalCase",
            summary = "Replace a case's content (makes a new dataset version; older versions keep the old content).")
    public CaseView updateCase(
            Principal principal, @PathVariable("case_id") @Size(max = 40) String caseId, @RequestBody CaseBody body) {
        return CaseView.of(datasets.updateCase(principal, caseId, body.draft()));
    }

    @DeleteMapping("/cases/{case_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteEvalCase", summary = "Remove a case (makes a new dataset version without it).")
    public void deleteCase(Principal principal, @PathVariable("case_id") @Size(max = 40) String caseId) {
        datasets.deleteCase(principal, caseId);
    }

    @PostMapping(
            path = "/datasets/{dataset_id}/cases:import",
            consumes = {NDJSON, JSONL, MediaType.TEXT_PLAIN_VALUE})
    @Operation(
            operationId = "importEvalCases",
            summary = "Add cases from a JSONL body (one case per line, at most 5 MB) as one new version, or none.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "One case per line, each a JSON object as the body of createEvalCase.",
                            content = {
                                @Content(mediaType = NDJSON, schema = @Schema(type = "string")),
                                @Content(mediaType = JSONL, schema = @Schema(type = "string")),
                                @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))
                            }))
    @ProblemResponse(status = 422, description = "A line is not a valid case: field names the line (line[7].input).")
    @ProblemResponse(
            status = 415,
            description = "The body is not JSONL (application/x-ndjson, application/jsonl, text/plain).")
    public DatasetView importCases(
            Principal principal, @PathVariable("dataset_id") @Size(max = 40) String id, InputStream body)
            throws IOException {
        // read as bytes; the body limit filter stops it at 5 MB
        return DatasetView.of(
                datasets.importCases(principal, id, new String(body.readAllBytes(), StandardCharsets.UTF_8)));
    }

    @GetMapping(path = "/datasets/{dataset_id}/cases:export", produces = NDJSON)
    @Operation(operationId = "exportEvalCases", summary = "The cases of a version (latest by default) as JSONL.")
    public ResponseEntity<String> exportCases(
            Principal principal,
            @PathVariable("dataset_id") @Size(max = 40) String id,
            @RequestParam(name = "version", required = false) @Nullable Integer version) {
        String body = datasets.export(principal, id, version).stream()
                .map(EvalViews::line)
                .collect(Collectors.joining("\n", "", "\n"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }
}
