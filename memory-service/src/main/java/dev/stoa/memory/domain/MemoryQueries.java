package dev.stoa.memory.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.KnowledgeGraph;
import dev.stoa.memory.domain.model.MemoryStats;
import dev.stoa.memory.domain.model.MemoryView;
import dev.stoa.memory.domain.model.Validity;
import dev.stoa.memory.domain.port.Agents;
import dev.stoa.memory.domain.port.FactRepository;
import dev.stoa.memory.domain.port.VectorIndex;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The memory API of one agent: stats, a user's facts (view, list with history, graph), clearing a user's memory,
 * rating or deleting one fact. The agent must be the caller's org's; facts are read under the org's row-level
 * security, so another org's are never seen. A user without any fact is not found.
 */
@Service
public final class MemoryQueries {
    /** Most facts a view or graph holds (the default max facts per scope); the list pages through all of them. */
    public static final int MAX_VIEW_FACTS = 1_000;

    private final FactRepository facts;
    private final Agents agents;
    private final VectorIndex index;
    private final Clock clock;

    public MemoryQueries(FactRepository facts, Agents agents, VectorIndex index, Clock clock) {
        this.facts = facts;
        this.agents = agents;
        this.index = index;
        this.clock = clock;
    }

    public MemoryStats stats(Principal principal, String agentId) {
        String orgId = readable(principal, agentId);
        return facts.stats(orgId, agentId);
    }

    public MemoryView view(Principal principal, String agentId, String userId) {
        String orgId = userOf(principal, agentId, userId, false);
        List<Fact> all = facts.all(orgId, agentId, userId, Validity.ALL, MAX_VIEW_FACTS);
        Map<String, List<Fact>> byCategory = all.stream()
                .filter(Fact::current)
                .collect(Collectors.groupingBy(Fact::category, LinkedHashMap::new, Collectors.toList()));
        List<MemoryView.Group> groups = byCategory.entrySet().stream()
                .map(e -> new MemoryView.Group(e.getKey(), e.getValue().size(), e.getValue()))
                .sorted(Comparator.comparingInt(MemoryView.Group::count)
                        .reversed()
                        .thenComparing(MemoryView.Group::category))
                .toList();
        long current = all.stream().filter(Fact::current).count();
        return new MemoryView(agentId, userId, current, all.size() - current, groups);
    }

    public Page<Fact> list(
            Principal principal,
            String agentId,
            String userId,
            @Nullable String category,
            @Nullable String validity,
            @Nullable Integer limit,
            @Nullable String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        if (category != null && !ConfigPatch.CATEGORY.matcher(category).matches()) {
            throw new InvalidInputException("category", "must be a category: lowercase letters, digits and '_'");
        }
        Validity v = validity(validity);
        String orgId = userOf(principal, agentId, userId, false);
        return facts.list(orgId, agentId, userId, category, v, page);
    }

    public KnowledgeGraph graph(Principal principal, String agentId, String userId, @Nullable String validity) {
        Validity v = validity(validity);
        String orgId = userOf(principal, agentId, userId, false);
        Map<String, KnowledgeGraph.Node> nodes = new LinkedHashMap<>();
        List<KnowledgeGraph.Edge> edges = new ArrayList<>();
        for (Fact fact : facts.all(orgId, agentId, userId, v, MAX_VIEW_FACTS)) {
            KnowledgeGraph.Node from = nodes.computeIfAbsent(key(fact.subject()), k -> node(fact.subject()));
            KnowledgeGraph.Node to = nodes.computeIfAbsent(key(fact.object()), k -> node(fact.object()));
            edges.add(new KnowledgeGraph.Edge(
                    fact.id(),
                    from.id(),
                    to.id(),
                    fact.predicate(),
                    fact.category(),
                    fact.validFrom(),
                    fact.validTo()));
        }
        return new KnowledgeGraph(List.copyOf(nodes.values()), edges);
    }

    /** Deletes the user's facts, their sources and (as the index catches up) their index entries. */
    public void clear(Principal principal, String agentId, String userId) {
        String orgId = userOf(principal, agentId, userId, true);
        if (facts.clearUser(orgId, agentId, userId, now()) > 0) {
            index.catchUp();
        }
    }

    /** Rates one fact (-1, 0 or 1; null clears the rating). */
    public Fact rate(Principal principal, String agentId, String userId, String factId, @Nullable Integer rating) {
        if (rating != null && (rating < -1 || rating > 1)) {
            throw new InvalidInputException("rating", "must be -1, 0, 1 or null");
        }
        String orgId = userOf(principal, agentId, userId, true);
        if (!facts.rate(orgId, agentId, userId, Inputs.fact(factId), rating, now())) {
            throw new NotFoundException("fact", factId);
        }
        return facts.findByIds(orgId, List.of(factId)).getFirst();
    }

    public void delete(Principal principal, String agentId, String userId, String factId) {
        String orgId = userOf(principal, agentId, userId, true);
        if (!facts.delete(orgId, agentId, userId, Inputs.fact(factId), now())) {
            throw new NotFoundException("fact", factId);
        }
        index.catchUp();
    }

    private String readable(Principal principal, String agentId) {
        String orgId = Access.read(principal);
        agents.requireAgent(orgId, Inputs.agent(agentId));
        return orgId;
    }

    /**
     * The caller's org, once the agent is found. Memory keeps no user registry: a user it knows nothing about has an
     * empty memory (a list of no facts), not a 404, so the answer never tells whether a user id exists.
     */
    private String userOf(Principal principal, String agentId, String userId, boolean write) {
        Inputs.user(userId);
        String orgId = Access.user(principal, userId, write);
        agents.requireAgent(orgId, Inputs.agent(agentId));
        return orgId;
    }

    private static Validity validity(@Nullable String validity) {
        if (validity == null || validity.isEmpty()) {
            return Validity.CURRENT;
        }
        return Validity.of(validity)
                .orElseThrow(() -> new InvalidInputException("validity", "must be current, superseded or all"));
    }

    private static String key(String label) {
        return label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static KnowledgeGraph.Node node(String label) {
        String id = "ent_"
                + UUID.nameUUIDFromBytes(key(label).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "")
                        .substring(0, 16);
        return new KnowledgeGraph.Node(id, label.strip());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
