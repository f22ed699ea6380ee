package dev.stoa.memory.domain.model;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Entities (subjects and objects of facts) as nodes, predicates as edges, each edge with its fact and validity. */
public record KnowledgeGraph(List<Node> nodes, List<Edge> edges) {
    public KnowledgeGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** An entity; {@code id} is stable for the same label (case aside). */
    public record Node(String id, String label) {}

    /** One fact as an edge from its subject's node to its object's node. */
    public record Edge(
            String factId,
            String from,
            String to,
            String predicate,
            String category,
            OffsetDateTime validFrom,
            @Nullable OffsetDateTime validTo) {}
}
