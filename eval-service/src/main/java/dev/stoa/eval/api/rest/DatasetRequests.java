package dev.stoa.eval.api.rest;

import dev.stoa.eval.domain.model.CaseDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request bodies of the dataset and case endpoints; unknown fields are refused. */
public final class DatasetRequests {
    static final int NAME_MAX = 200;
    static final int DESCRIPTION_MAX = 2000;

    private DatasetRequests() {}

    /** A new dataset (version 1, no cases). */
    public record CreateDataset(
            @NotBlank @Size(max = NAME_MAX) String name,
            @Nullable @Size(max = DESCRIPTION_MAX) String description) {}

    /** Renames or re-describes a dataset; its cases and version are unchanged. */
    public record UpdateDataset(
            @Nullable @Size(min = 1, max = NAME_MAX) String name,
            @Nullable @Size(max = DESCRIPTION_MAX) String description) {}

    /**
     * A case: exactly one of {@code input} (a message) and {@code input_json} (typed invoke); {@code context} the
     * prompt's variables; {@code expected} the expected output or reference; {@code scorers} per-case scorer specs.
     */
    public record CaseBody(
            @Nullable String input,
            @Nullable JsonNode inputJson,
            @Nullable JsonNode context,
            @Nullable String expected,
            @Nullable JsonNode scorers) {
        CaseDraft draft() {
            return new CaseDraft(input, inputJson, context, expected, scorers);
        }
    }
}
