package dev.stoa.memory.domain;

import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.memory.domain.model.ExtractedFact;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.FinishedTurn;
import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.model.MemoryScope;
import dev.stoa.memory.domain.model.ModelReply;
import dev.stoa.memory.domain.model.NewFact;
import dev.stoa.memory.domain.model.ScoredFact;
import dev.stoa.memory.domain.port.Agents;
import dev.stoa.memory.domain.port.FactRepository;
import dev.stoa.memory.domain.port.SpendEvents;
import dev.stoa.memory.domain.port.VectorIndex;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Facts from a completed turn: the configured model proposes facts as JSON given the turn and the existing similar
 * facts; each is added, merged into the fact it restates (a new source, no new fact) or supersedes the fact it
 * contradicts (which keeps its row with valid_to set). The turn's record in {@code processed_turns}, the facts and the
 * spend event commit together, so a redelivered turn changes nothing and is never charged twice. An answer that is not
 * the JSON asked for is asked for once more, then the turn is dead-lettered with the reason and nothing is written.
 */
@Service
public final class Extraction {
    /** A new fact this similar to a current one with the same triple is that fact restated, whatever the model says. */
    static final double SAME_FACT = 0.92;
    /** Existing facts shown to the model per text of the turn (user message, answer). */
    static final int SHOWN_PER_TEXT = 5;

    private static final Logger log = LoggerFactory.getLogger(Extraction.class);

    private final MemoryConfigs configs;
    private final FactRepository facts;
    private final Recall recall;
    private final Agents agents;
    private final SpendEvents spend;
    private final VectorIndex index;
    private final SentenceEmbeddings embeddings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Extraction(
            MemoryConfigs configs,
            FactRepository facts,
            Recall recall,
            Agents agents,
            SpendEvents spend,
            VectorIndex index,
            SentenceEmbeddings embeddings,
            TransactionTemplate transactions,
            Clock clock) {
        this.configs = configs;
        this.facts = facts;
        this.recall = recall;
        this.agents = agents;
        this.spend = spend;
        this.index = index;
        this.embeddings = embeddings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What became of a turn (for metrics and tests). */
    public enum Outcome {
        IGNORED,
        DUPLICATE,
        SKIPPED,
        EXTRACTED,
        DEAD_LETTERED
    }

    public Outcome onTurn(FinishedTurn turn) {
        if (!"completed".equals(turn.outcome()) || !Set.of("chat", "invoke").contains(turn.kind())) {
            return Outcome.IGNORED; // failed turns, and memory's own spend events (kind memory)
        }
        if (turn.orgId().isBlank()
                || !Ids.isValid("agt", turn.agentId())
                || turn.turnId().isBlank()) {
            return Outcome.IGNORED;
        }
        if (facts.turnProcessed(turn.orgId(), turn.turnId())) {
            return Outcome.DUPLICATE;
        }
        MemoryConfig config = configs.effective(turn.orgId(), turn.agentId());
        String skip = skipReason(turn, config);
        if (skip != null) {
            return record(turn, "skipped", skip) ? Outcome.SKIPPED : Outcome.DUPLICATE;
        }
        String scopeKey = config.scopeKey(turn.userId());
        // another replica may have written this scope a moment ago (the partition moved): see it before comparing
        index.catchUp();
        Map<String, Fact> shown = shown(turn, scopeKey);
        String prompt = ExtractionPrompt.user(turn, List.copyOf(shown.values()));
        List<ModelReply> replies = new ArrayList<>();
        List<ExtractedFact> extracted = null;
        String malformed = null;
        try {
            for (int attempt = 0; attempt < 2 && extracted == null; attempt++) {
                ModelReply reply = agents.complete(
                        turn.orgId(), turn.agentId(), config.extractionModel(), ExtractionPrompt.SYSTEM, prompt);
                replies.add(reply);
                try {
                    extracted = ExtractionParser.parse(reply.text());
                } catch (ExtractionParser.MalformedException e) {
                    malformed = e.getMessage();
                    log.info(
                            "turn {}: malformed extraction answer (attempt {}): {}",
                            turn.turnId(),
                            attempt + 1,
                            malformed);
                }
            }
        } catch (NotFoundException e) {
            return record(turn, "skipped", "agent or extraction model not found") ? Outcome.SKIPPED : Outcome.DUPLICATE;
        } catch (StoaException e) {
            if (e.retryable()) {
                throw e; // a provider or agent-service outage: the consumer retries the turn with back-off
            }
            // a call that cannot succeed as it is (a rejected key, a model the provider does not know)
            return deadLetter(turn, "model call failed: " + e.code(), replies);
        }
        if (extracted == null) {
            return deadLetter(turn, "malformed extraction output: " + malformed, replies);
        }
        ModelReply spent = total(replies);
        List<Planned> plan = plan(turn, config, scopeKey, extracted, shown);
        boolean first = Boolean.TRUE.equals(transactions.execute(status -> apply(turn, config, scopeKey, plan, spent)));
        if (first) {
            index.catchUp();
        }
        return first ? Outcome.EXTRACTED : Outcome.DUPLICATE;
    }

    /** Records the turn as dead-lettered, nothing written but the spend of the calls made. */
    private Outcome deadLetter(FinishedTurn turn, String reason, List<ModelReply> replies) {
        boolean first = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!facts.markTurn(turn.orgId(), turn.turnId(), turn.agentId(), "dead_lettered", reason, 0, now())) {
                return false;
            }
            if (!replies.isEmpty()) {
                spend.extractionSpent(turn, total(replies));
            }
            return true;
        }));
        return first ? Outcome.DEAD_LETTERED : Outcome.DUPLICATE;
    }

    private @Nullable String skipReason(FinishedTurn turn, MemoryConfig config) {
        if (!config.enabled()) {
            return "memory is off";
        }
        if (config.scope() != MemoryScope.AGENT && turn.userId().isBlank()) {
            return "no user";
        }
        if (turn.userId().length() > Inputs.MAX_USER_ID) {
            return "user id too long";
        }
        if (turn.userMessage().isBlank()) {
            return "no user message";
        }
        return null;
    }

    private boolean record(FinishedTurn turn, String outcome, String reason) {
        return facts.markTurn(turn.orgId(), turn.turnId(), turn.agentId(), outcome, reason, 0, now());
    }

    /** The current facts of the scope nearest the user's message and the answer, in that order, each once. */
    private Map<String, Fact> shown(FinishedTurn turn, String scopeKey) {
        Map<String, Fact> shown = new LinkedHashMap<>();
        for (String text : List.of(turn.userMessage(), turn.assistantMessage())) {
            if (!text.isBlank()) {
                for (ScoredFact hit : recall.search(turn.orgId(), scopeKey, embed(text), SHOWN_PER_TEXT)) {
                    shown.putIfAbsent(hit.fact().id(), hit.fact());
                }
            }
        }
        return shown;
    }

    /** One extracted fact as it will be applied. */
    private record Planned(
            NewFact fact,
            @Nullable String mergeInto,
            @Nullable String supersedes) {}

    private List<Planned> plan(
            FinishedTurn turn,
            MemoryConfig config,
            String scopeKey,
            List<ExtractedFact> extracted,
            Map<String, Fact> shown) {
        List<Planned> out = new ArrayList<>();
        for (ExtractedFact e : extracted) {
            if (config.ignoredCategories().contains(e.category())) {
                continue;
            }
            float[] vector = embed(e.text());
            // an id the model was not shown is ignored: it may name another scope's fact
            Fact named = e.existingFactId() == null ? null : shown.get(e.existingFactId());
            String mergeInto = e.action() == ExtractedFact.Action.MERGE && named != null ? named.id() : null;
            if (mergeInto == null) {
                for (ScoredFact near : recall.search(turn.orgId(), scopeKey, vector, SHOWN_PER_TEXT)) {
                    if (near.score() >= SAME_FACT && near.fact().sameTriple(e.subject(), e.predicate(), e.object())) {
                        mergeInto = near.fact().id();
                        break;
                    }
                }
            }
            String supersedes = mergeInto == null && e.action() == ExtractedFact.Action.SUPERSEDE && named != null
                    ? named.id()
                    : null;
            NewFact fact = new NewFact(
                    Ids.generate("fct"),
                    turn.agentId(),
                    scopeKey,
                    config.scope() == MemoryScope.AGENT && turn.userId().isBlank() ? null : turn.userId(),
                    e.subject(),
                    e.predicate(),
                    e.object(),
                    e.text(),
                    e.category(),
                    e.confidence(),
                    vector,
                    turn.finishedAt(),
                    turn.conversationId(),
                    turn.turnId());
            out.add(new Planned(fact, mergeInto, supersedes));
        }
        return out;
    }

    private boolean apply(
            FinishedTurn turn, MemoryConfig config, String scopeKey, List<Planned> plan, ModelReply spent) {
        OffsetDateTime now = now();
        // first: a turn another delivery (or replica) recorded meanwhile writes nothing
        if (!facts.markTurn(turn.orgId(), turn.turnId(), turn.agentId(), "extracted", null, plan.size(), now)) {
            return false;
        }
        for (Planned p : plan) {
            if (p.mergeInto() != null
                    && facts.addSource(turn.orgId(), p.mergeInto(), turn.conversationId(), turn.turnId(), now)) {
                continue;
            }
            facts.insert(turn.orgId(), p.fact(), now);
            if (p.supersedes() != null) {
                facts.supersede(turn.orgId(), p.supersedes(), p.fact().id(), now);
            }
        }
        facts.trimScope(turn.orgId(), scopeKey, config.maxFactsPerScope(), now);
        spend.extractionSpent(turn, spent);
        return true;
    }

    private static ModelReply total(List<ModelReply> replies) {
        ModelReply last = replies.getLast();
        return new ModelReply(
                last.text(),
                last.providerId(),
                last.model(),
                replies.stream().mapToLong(ModelReply::inputTokens).sum(),
                replies.stream().mapToLong(ModelReply::outputTokens).sum(),
                replies.stream().mapToLong(ModelReply::costMicros).sum());
    }

    private float[] embed(String text) {
        return embeddings.embed(text);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
