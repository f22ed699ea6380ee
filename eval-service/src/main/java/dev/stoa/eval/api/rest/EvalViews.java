package dev.stoa.eval.api.rest;

import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.model.Dataset;
import dev.stoa.eval.domain.model.EvalCase;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies of the dataset and case endpoints. */
public final class EvalViews {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private EvalViews() {}

    /** A dataset; {@code version} is its latest case-list version. */
    public record DatasetView(
            String id,
            String name,
            String description,
            int version,
            int caseCount,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static DatasetView of(Dataset d) {
            return new DatasetView(
                    d.id(), d.name(), d.description(), d.version(), d.caseCount(), d.createdAt(), d.updatedAt());
        }
    }

    /** A case as one version holds it; {@code version} is the version this content first appeared in. */
    public record CaseView(
            String id,
            String datasetId,
            int version,
            @Nullable String input,
            @Nullable JsonNode inputJson,
            @Nullable JsonNode context,
            @Nullable String expected,
            JsonNode scorers,
            OffsetDateTime createdAt) {
        static CaseView of(EvalCase c) {
            CaseContent content = c.content();
            return new CaseView(
                    c.id(),
                    c.datasetId(),
                    c.addedVersion(),
                    content.input(),
                    tree(content.inputJson()),
                    tree(content.contextJson()),
                    content.expected(),
                    JSON.readTree(content.scorersJson()),
                    c.createdAt());
        }
    }

    /** A case as one JSONL line of an export: the fields an import takes, so an export imports back unchanged. */
    static String line(EvalCase c) {
        CaseContent content = c.content();
        var node = JSON.createObjectNode();
        if (content.input() != null) {
            node.put("input", content.input());
        }
        if (content.inputJson() != null) {
            node.set("input_json", JSON.readTree(content.inputJson()));
        }
        if (content.contextJson() != null) {
            node.set("context", JSON.readTree(content.contextJson()));
        }
        if (content.expected() != null) {
            node.put("expected", content.expected());
        }
        node.set("scorers", JSON.readTree(content.scorersJson()));
        return JSON.writeValueAsString(node);
    }

    private static @Nullable JsonNode tree(@Nullable String json) {
        return json == null ? null : JSON.readTree(json);
    }
}
