package dev.stoa.memory.api.rest;

import dev.stoa.memory.domain.model.ExtractionModel;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.KnowledgeGraph;
import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.model.MemoryStats;
import dev.stoa.memory.domain.model.MemoryView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Response bodies of the memory API. */
final class MemoryViews {
    private MemoryViews() {}

    /**
     * An agent's memory config. {@code extraction_model} null: the agent's own model chain; {@code retention_days}
     * null: facts are kept; {@code updated_at} null: never changed (the defaults).
     */
    record MemoryConfigView(
            String agentId,
            boolean enabled,
            String scope,
            @Nullable String cluster,
            @Nullable ExtractionModelView extractionModel,
            @Nullable Integer retentionDays,
            int maxFactsPerScope,
            List<String> ignoredCategories,
            int recallTopK,
            @Nullable OffsetDateTime updatedAt,
            long version) {
        static MemoryConfigView of(MemoryConfig c) {
            ExtractionModel m = c.extractionModel();
            return new MemoryConfigView(
                    c.agentId(),
                    c.enabled(),
                    c.scope().wire(),
                    c.cluster(),
                    m == null ? null : new ExtractionModelView(m.tierId(), m.providerId(), m.model()),
                    c.retentionDays(),
                    c.maxFactsPerScope(),
                    c.ignoredCategories(),
                    c.recallTopK(),
                    c.updatedAt(),
                    c.version());
        }
    }

    /** A tier, or a provider and model. */
    record ExtractionModelView(
            @Nullable String tierId,
            @Nullable String providerId,
            @Nullable String model) {}

    /** One fact; a superseded one has {@code valid_to} and {@code superseded_by}. */
    record FactView(
            String id,
            @Nullable String userId,
            String subject,
            String predicate,
            String object,
            String text,
            String category,
            double confidence,
            OffsetDateTime validFrom,
            @Nullable OffsetDateTime validTo,
            @Nullable String supersededBy,
            @Nullable Integer rating,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static FactView of(Fact f) {
            return new FactView(
                    f.id(),
                    f.userId(),
                    f.subject(),
                    f.predicate(),
                    f.object(),
                    f.text(),
                    f.category(),
                    f.confidence(),
                    f.validFrom(),
                    f.validTo(),
                    f.supersededBy(),
                    f.rating(),
                    f.createdAt(),
                    f.updatedAt());
        }
    }

    /** An agent's memory in numbers. */
    record MemoryStatsView(
            long currentFacts,
            long supersededFacts,
            long users,
            Map<String, Long> factsByCategory,
            @Nullable OffsetDateTime lastExtractionAt,
            long extractionsOk,
            long extractionsDeadLettered) {
        static MemoryStatsView of(MemoryStats s) {
            return new MemoryStatsView(
                    s.currentFacts(),
                    s.supersededFacts(),
                    s.users(),
                    s.byCategory(),
                    s.lastExtractionAt(),
                    s.extractionsOk(),
                    s.extractionsDeadLettered());
        }
    }

    /** A user's current facts by category. */
    record UserMemoryView(
            String agentId, String userId, long currentFacts, long supersededFacts, List<CategoryView> categories) {
        static UserMemoryView of(MemoryView v) {
            return new UserMemoryView(
                    v.agentId(),
                    v.userId(),
                    v.currentFacts(),
                    v.supersededFacts(),
                    v.categories().stream()
                            .map(g -> new CategoryView(
                                    g.category(),
                                    g.count(),
                                    g.facts().stream().map(FactView::of).toList()))
                            .toList());
        }
    }

    /** The current facts of one category. */
    record CategoryView(String category, int count, List<FactView> facts) {}

    /** Entities as nodes, facts as edges between them. */
    record GraphView(List<KnowledgeGraph.Node> nodes, List<KnowledgeGraph.Edge> edges) {
        static GraphView of(KnowledgeGraph g) {
            return new GraphView(g.nodes(), g.edges());
        }
    }
}
