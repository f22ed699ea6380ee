package dev.stoa.memory.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.input.InputRules;
import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.IndexHit;
import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.model.MemoryScope;
import dev.stoa.memory.domain.model.ScoredFact;
import dev.stoa.memory.domain.port.FactRepository;
import dev.stoa.memory.domain.port.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The currently valid facts most relevant to a message, for one user of one agent: the query's embedding against this
 * replica's index, each hit checked against PostgreSQL (an index a moment behind never returns a superseded fact).
 */
@Service
public final class Recall {
    private final MemoryConfigs configs;
    private final VectorIndex index;
    private final FactRepository facts;
    private final SentenceEmbeddings embeddings;

    public Recall(MemoryConfigs configs, VectorIndex index, FactRepository facts, SentenceEmbeddings embeddings) {
        this.configs = configs;
        this.index = index;
        this.facts = facts;
        this.embeddings = embeddings;
    }

    /** What a recall found; {@code enabled} false when the agent's memory is off. */
    public record Result(boolean enabled, List<ScoredFact> facts) {}

    public Result recall(Principal caller, String orgId, String agentId, String userId, String query, int topK) {
        Access.service(caller);
        if (orgId.isBlank()) {
            throw new InvalidInputException("org_id", "is required");
        }
        if (!dev.stoa.common.id.Ids.isValid("agt", agentId)) {
            throw new InvalidInputException("agent_id", "must be an agent id (agt_…)");
        }
        if (query.isBlank() || query.length() > Inputs.MAX_QUERY || !InputRules.acceptable(query, true)) {
            throw new InvalidInputException("query", "must be 1 to " + Inputs.MAX_QUERY + " printable characters");
        }
        if (topK < 0) {
            throw new InvalidInputException("top_k", "must not be negative");
        }
        MemoryConfig config = configs.effective(orgId, agentId);
        if (!config.enabled()) {
            return new Result(false, List.of());
        }
        if (config.scope() != MemoryScope.AGENT) {
            Inputs.user(userId);
        }
        int k = Math.min(topK == 0 ? config.recallTopK() : topK, MemoryConfig.MAX_TOP_K);
        return new Result(true, search(orgId, config.scopeKey(userId), embeddings.embed(query), k));
    }

    /** Up to {@code k} currently valid facts of the scope nearest to {@code vector}, most similar first. */
    List<ScoredFact> search(String orgId, String scopeKey, float[] vector, int k) {
        List<IndexHit> hits = index.search(orgId, scopeKey, vector, k);
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<String, Fact> found = facts
                .findByIds(orgId, hits.stream().map(IndexHit::factId).toList())
                .stream()
                .collect(Collectors.toMap(Fact::id, Function.identity()));
        List<ScoredFact> out = new ArrayList<>();
        for (IndexHit hit : hits) {
            Fact fact = found.get(hit.factId());
            if (fact != null && fact.current() && fact.scopeKey().equals(scopeKey)) {
                out.add(new ScoredFact(fact, Math.clamp(hit.cosine(), 0.0, 1.0)));
            }
        }
        return out;
    }
}
