package dev.stoa.eval.domain.model;

import java.time.OffsetDateTime;

/** One case of a dataset version; {@code addedVersion} is the version this content first appeared in. */
public record EvalCase(
        String id, String datasetId, int addedVersion, long position, CaseContent content, OffsetDateTime createdAt) {}
