package dev.stoa.eval.domain.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A case as a request or an import line gives it, before it is checked ({@link dev.stoa.eval.domain.CaseRules}). */
public record CaseDraft(
        @Nullable String input,
        @Nullable JsonNode inputJson,
        @Nullable JsonNode context,
        @Nullable String expected,
        @Nullable JsonNode scorers) {}
