package dev.stoa.eval.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * What a case holds. Exactly one of {@code input} (a chat message) and {@code inputJson} (typed invoke, a JSON object
 * as text) is set; {@code contextJson} is a JSON object as text (the prompt's variables); {@code scorersJson} a JSON
 * array of scorer specs (empty: the run's default scorers apply).
 */
public record CaseContent(
        @Nullable String input,
        @Nullable String inputJson,
        @Nullable String contextJson,
        @Nullable String expected,
        String scorersJson) {}
