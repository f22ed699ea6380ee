package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An eval run: {@code agentVersions} (one, or two side by side) over one dataset version. {@code scorersJson} are the
 * default scorer specs (for cases without their own); {@code judgeModel} the LLM judge's model as a JSON selector
 * ({@code {"tier_id"}} or {@code {"provider_id","model"}}); {@code attempt} grows with every re-run of failed cases
 * (it is part of the turns' idempotency keys, so a re-run runs new turns while a resumed run replays its own).
 */
public record Run(
        String id,
        String orgId,
        String datasetId,
        int datasetVersion,
        String agentId,
        List<Integer> agentVersions,
        String scorersJson,
        @Nullable String judgeModel,
        int concurrency,
        RunStatus status,
        int total,
        int done,
        int errors,
        int attempt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
