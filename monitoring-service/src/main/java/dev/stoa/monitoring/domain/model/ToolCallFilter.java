package dev.stoa.monitoring.domain.model;

import org.jspecify.annotations.Nullable;

/** Which tool calls a list or stats query looks at; null fields do not filter. */
public record ToolCallFilter(
        TimeRange range,
        @Nullable String agentId,
        @Nullable String toolName,
        @Nullable String status,
        @Nullable String conversationId) {}
