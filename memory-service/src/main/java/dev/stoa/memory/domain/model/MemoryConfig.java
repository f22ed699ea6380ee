package dev.stoa.memory.domain.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Memory settings of one agent. {@code extractionModel} null: the agent's own model chain; {@code retentionDays} null:
 * facts are kept; {@code updatedAt} null: never saved (the defaults).
 */
public record MemoryConfig(
        String agentId,
        boolean enabled,
        MemoryScope scope,
        @Nullable String cluster,
        @Nullable ExtractionModel extractionModel,
        @Nullable Integer retentionDays,
        int maxFactsPerScope,
        List<String> ignoredCategories,
        int recallTopK,
        @Nullable OffsetDateTime updatedAt,
        long version) {
    public static final int DEFAULT_MAX_FACTS = 1_000;
    public static final int MAX_FACTS_LIMIT = 100_000;
    public static final int DEFAULT_TOP_K = 5;
    public static final int MAX_TOP_K = 20;
    public static final int MAX_RETENTION_DAYS = 36_500;
    public static final int MAX_IGNORED_CATEGORIES = 50;

    public MemoryConfig {
        ignoredCategories = List.copyOf(ignoredCategories);
    }

    /** What an agent without a saved config gets: memory on, one memory per end user. */
    public static MemoryConfig defaults(String agentId) {
        return defaults(agentId, true);
    }

    /** The defaults, with memory on or off. */
    public static MemoryConfig defaults(String agentId, boolean enabled) {
        return new MemoryConfig(
                agentId,
                enabled,
                MemoryScope.USER,
                null,
                null,
                null,
                DEFAULT_MAX_FACTS,
                List.of(),
                DEFAULT_TOP_K,
                null,
                0);
    }

    /**
     * The scope a user's facts are kept and recalled in: {@code a:{agent}:u:{user}}, {@code a:{agent}} or
     * {@code c:{cluster}:u:{user}}.
     */
    public String scopeKey(String userId) {
        return switch (scope) {
            case USER -> "a:" + agentId + ":u:" + userId;
            case AGENT -> "a:" + agentId;
            case CLUSTER -> "c:" + cluster + ":u:" + userId;
        };
    }
}
