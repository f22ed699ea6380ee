package dev.stoa.memory.store;

import static dev.stoa.memory.store.jooq.Sequences.FACT_CHANGE_SEQ;
import static dev.stoa.memory.store.jooq.Tables.FACTS;
import static dev.stoa.memory.store.jooq.Tables.FACT_SOURCES;
import static dev.stoa.memory.store.jooq.Tables.FACT_TOMBSTONES;
import static dev.stoa.memory.store.jooq.Tables.PROCESSED_TURNS;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.MemoryStats;
import dev.stoa.memory.domain.model.NewFact;
import dev.stoa.memory.domain.model.Validity;
import dev.stoa.memory.domain.port.FactRepository;
import dev.stoa.memory.store.jooq.tables.records.FactsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link FactRepository} in {@code facts}, {@code fact_sources}, {@code fact_tombstones} and {@code processed_turns}. */
@Component
public final class JooqFactRepository implements FactRepository {
    private final TenantTransactions tx;

    public JooqFactRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<Fact> findByIds(String orgId, Collection<String> ids) {
        return tx.inOrg(
                orgId, dsl -> dsl.selectFrom(FACTS).where(FACTS.ID.in(ids)).fetch(JooqFactRepository::fact));
    }

    @Override
    public boolean turnProcessed(String orgId, String turnId) {
        return tx.inOrg(orgId, dsl -> dsl.fetchExists(PROCESSED_TURNS, PROCESSED_TURNS.TURN_ID.eq(turnId)));
    }

    @Override
    public boolean markTurn(
            String orgId,
            String turnId,
            String agentId,
            String outcome,
            @Nullable String reason,
            int factsWritten,
            OffsetDateTime at) {
        String shortReason = reason == null || reason.length() <= 300 ? reason : reason.substring(0, 300);
        return tx.inOrg(
                orgId,
                dsl -> dsl.insertInto(PROCESSED_TURNS)
                                .set(PROCESSED_TURNS.ORG_ID, orgId)
                                .set(PROCESSED_TURNS.TURN_ID, turnId)
                                .set(PROCESSED_TURNS.AGENT_ID, agentId)
                                .set(PROCESSED_TURNS.OUTCOME, outcome)
                                .set(PROCESSED_TURNS.REASON, shortReason)
                                .set(PROCESSED_TURNS.FACTS_WRITTEN, factsWritten)
                                .set(PROCESSED_TURNS.PROCESSED_AT, at)
                                .onConflictDoNothing()
                                .execute()
                        == 1);
    }

    @Override
    public void insert(String orgId, NewFact f, OffsetDateTime at) {
        tx.inOrgRun(orgId, dsl -> {
            dsl.insertInto(FACTS)
                    .set(FACTS.ID, f.id())
                    .set(FACTS.ORG_ID, orgId)
                    .set(FACTS.AGENT_ID, f.agentId())
                    .set(FACTS.SCOPE_KEY, f.scopeKey())
                    .set(FACTS.USER_ID, f.userId())
                    .set(FACTS.SUBJECT, f.subject())
                    .set(FACTS.PREDICATE, f.predicate())
                    .set(FACTS.OBJECT, f.object())
                    .set(FACTS.TEXT, f.text())
                    .set(FACTS.CATEGORY, f.category())
                    .set(FACTS.CONFIDENCE, f.confidence())
                    .set(FACTS.EMBEDDING, Vectors.bytes(f.embedding()))
                    .set(FACTS.VALID_FROM, f.validFrom())
                    .set(FACTS.CREATED_AT, at)
                    .set(FACTS.UPDATED_AT, at)
                    .set(FACTS.CHANGE_SEQ, FACT_CHANGE_SEQ.nextval())
                    .execute();
            source(dsl, orgId, f.id(), f.conversationId(), f.turnId(), at);
        });
    }

    @Override
    public boolean addSource(String orgId, String factId, String conversationId, String turnId, OffsetDateTime at) {
        return tx.inOrg(orgId, dsl -> {
            if (!dsl.fetchExists(FACTS, FACTS.ID.eq(factId))) {
                return false;
            }
            source(dsl, orgId, factId, conversationId, turnId, at);
            dsl.update(FACTS)
                    .set(FACTS.UPDATED_AT, at)
                    .where(FACTS.ID.eq(factId))
                    .execute();
            return true;
        });
    }

    private static void source(
            DSLContext dsl, String orgId, String factId, String conversationId, String turnId, OffsetDateTime at) {
        dsl.insertInto(FACT_SOURCES)
                .set(FACT_SOURCES.ORG_ID, orgId)
                .set(FACT_SOURCES.FACT_ID, factId)
                .set(FACT_SOURCES.CONVERSATION_ID, conversationId)
                .set(FACT_SOURCES.TURN_ID, turnId)
                .set(FACT_SOURCES.CREATED_AT, at)
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public boolean supersede(String orgId, String factId, String byFactId, OffsetDateTime at) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(FACTS)
                                .set(FACTS.VALID_TO, at)
                                .set(FACTS.SUPERSEDED_BY, byFactId)
                                .set(FACTS.UPDATED_AT, at)
                                .set(FACTS.CHANGE_SEQ, FACT_CHANGE_SEQ.nextval())
                                .where(FACTS.ID.eq(factId).and(FACTS.VALID_TO.isNull()))
                                .execute()
                        == 1);
    }

    @Override
    public int trimScope(String orgId, String scopeKey, int max, OffsetDateTime at) {
        return tx.inOrg(orgId, dsl -> {
            int count = dsl.fetchCount(FACTS, FACTS.SCOPE_KEY.eq(scopeKey));
            if (count <= max) {
                return 0;
            }
            List<String> excess = dsl.select(FACTS.ID)
                    .from(FACTS)
                    .where(FACTS.SCOPE_KEY.eq(scopeKey))
                    // the history goes first, then the least confident, oldest first
                    .orderBy(FACTS.VALID_TO.isNull().asc(), FACTS.CONFIDENCE.asc(), FACTS.CREATED_AT.asc())
                    .limit(count - max)
                    .fetch(FACTS.ID);
            return deleteFacts(dsl, orgId, FACTS.ID.in(excess), at);
        });
    }

    @Override
    public Page<Fact> list(
            String orgId,
            String agentId,
            String userId,
            @Nullable String category,
            Validity validity,
            PageRequest page) {
        Condition where = ofUser(agentId, userId).and(validity(validity));
        if (category != null) {
            where = where.and(FACTS.CATEGORY.eq(category));
        }
        String after = page.after();
        if (after != null) {
            FactCursor c = FactCursor.parse(after);
            where = where.and(DSL.row(FACTS.CREATED_AT, FACTS.ID).lt(c.at(), c.id()));
        }
        Condition condition = where;
        List<Fact> rows = tx.inOrg(orgId, dsl -> dsl.selectFrom(FACTS)
                .where(condition)
                .orderBy(FACTS.CREATED_AT.desc(), FACTS.ID.desc())
                .limit(page.limit() + 1)
                .fetch(JooqFactRepository::fact));
        return Page.fromOverfetch(rows, page.limit(), f -> FactCursor.of(f.createdAt(), f.id()));
    }

    @Override
    public List<Fact> all(String orgId, String agentId, String userId, Validity validity, int limit) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(FACTS)
                .where(ofUser(agentId, userId).and(validity(validity)))
                .orderBy(FACTS.CREATED_AT.desc(), FACTS.ID.desc())
                .limit(limit)
                .fetch(JooqFactRepository::fact));
    }

    @Override
    public int clearUser(String orgId, String agentId, String userId, OffsetDateTime at) {
        return tx.inOrg(orgId, dsl -> deleteFacts(dsl, orgId, ofUser(agentId, userId), at));
    }

    @Override
    public boolean rate(
            String orgId, String agentId, String userId, String factId, @Nullable Integer rating, OffsetDateTime at) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.update(FACTS)
                                .set(FACTS.RATING, rating)
                                .set(FACTS.UPDATED_AT, at)
                                .where(ofUser(agentId, userId).and(FACTS.ID.eq(factId)))
                                .execute()
                        == 1);
    }

    @Override
    public boolean delete(String orgId, String agentId, String userId, String factId, OffsetDateTime at) {
        return tx.inOrg(
                        orgId,
                        dsl -> deleteFacts(dsl, orgId, ofUser(agentId, userId).and(FACTS.ID.eq(factId)), at))
                == 1;
    }

    @Override
    public int forgetConversation(String orgId, String conversationId, OffsetDateTime at) {
        return tx.inOrg(orgId, dsl -> {
            List<String> touched = dsl.deleteFrom(FACT_SOURCES)
                    .where(FACT_SOURCES.CONVERSATION_ID.eq(conversationId))
                    .returning(FACT_SOURCES.FACT_ID)
                    .fetch(FACT_SOURCES.FACT_ID);
            if (touched.isEmpty()) {
                return 0;
            }
            return deleteFacts(
                    dsl,
                    orgId,
                    FACTS.ID
                            .in(touched)
                            .andNotExists(DSL.selectOne().from(FACT_SOURCES).where(FACT_SOURCES.FACT_ID.eq(FACTS.ID))),
                    at);
        });
    }

    @Override
    public MemoryStats stats(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> {
            var counts = dsl.select(
                            DSL.count().filterWhere(FACTS.VALID_TO.isNull()),
                            DSL.count().filterWhere(FACTS.VALID_TO.isNotNull()),
                            DSL.countDistinct(FACTS.USER_ID))
                    .from(FACTS)
                    .where(FACTS.AGENT_ID.eq(agentId))
                    .fetchSingle();
            Map<String, Long> byCategory = new LinkedHashMap<>();
            dsl.select(FACTS.CATEGORY, DSL.count())
                    .from(FACTS)
                    .where(FACTS.AGENT_ID.eq(agentId).and(FACTS.VALID_TO.isNull()))
                    .groupBy(FACTS.CATEGORY)
                    .orderBy(DSL.count().desc(), FACTS.CATEGORY)
                    .forEach(r -> byCategory.put(r.value1(), r.value2().longValue()));
            var turns = dsl.select(
                            DSL.max(PROCESSED_TURNS.PROCESSED_AT).filterWhere(PROCESSED_TURNS.OUTCOME.eq("extracted")),
                            DSL.count().filterWhere(PROCESSED_TURNS.OUTCOME.eq("extracted")),
                            DSL.count().filterWhere(PROCESSED_TURNS.OUTCOME.eq("dead_lettered")))
                    .from(PROCESSED_TURNS)
                    .where(PROCESSED_TURNS.AGENT_ID.eq(agentId))
                    .fetchSingle();
            return new MemoryStats(
                    counts.value1(),
                    counts.value2(),
                    counts.value3(),
                    byCategory,
                    turns.value1(),
                    turns.value2(),
                    turns.value3());
        });
    }

    /** Deletes the facts (their sources cascade) and leaves a tombstone each, for the index replicas. */
    static int deleteFacts(DSLContext dsl, String orgId, Condition which, OffsetDateTime at) {
        List<String> gone =
                dsl.deleteFrom(FACTS).where(which).returning(FACTS.ID).fetch(FACTS.ID);
        if (gone.isEmpty()) {
            return 0;
        }
        var insert = dsl.insertInto(
                FACT_TOMBSTONES,
                FACT_TOMBSTONES.ORG_ID,
                FACT_TOMBSTONES.FACT_ID,
                FACT_TOMBSTONES.CHANGE_SEQ,
                FACT_TOMBSTONES.DELETED_AT);
        for (String id : gone) {
            insert = insert.values(DSL.val(orgId), DSL.val(id), FACT_CHANGE_SEQ.nextval(), DSL.val(at));
        }
        insert.execute();
        return gone.size();
    }

    private static Condition ofUser(String agentId, String userId) {
        return FACTS.AGENT_ID.eq(agentId).and(FACTS.USER_ID.eq(userId));
    }

    private static Condition validity(Validity validity) {
        return switch (validity) {
            case CURRENT -> FACTS.VALID_TO.isNull();
            case SUPERSEDED -> FACTS.VALID_TO.isNotNull();
            case ALL -> DSL.noCondition();
        };
    }

    static Fact fact(FactsRecord r) {
        return new Fact(
                r.getId(),
                r.getAgentId(),
                r.getScopeKey(),
                r.getUserId(),
                r.getSubject(),
                r.getPredicate(),
                r.getObject(),
                r.getText(),
                r.getCategory(),
                r.getConfidence(),
                r.getValidFrom(),
                r.getValidTo(),
                r.getSupersededBy(),
                r.getRating(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
