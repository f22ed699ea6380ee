package dev.stoa.monitoring.domain.model;

import org.jspecify.annotations.Nullable;

/** One detector's rule as a caller wrote it: {@code enabled} defaults to true, {@code action} to {@code flag}. */
public record SafetyRuleInput(
        @Nullable Boolean enabled, @Nullable String action) {}
