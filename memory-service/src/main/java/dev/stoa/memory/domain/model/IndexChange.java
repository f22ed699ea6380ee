package dev.stoa.memory.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * One change for the vector index, in change order: a current fact to (re)index with its embedding, or one to drop
 * (superseded or deleted: {@code embedding} null).
 */
public record IndexChange(long seq, String orgId, String factId, String scopeKey, float @Nullable [] embedding) {}
