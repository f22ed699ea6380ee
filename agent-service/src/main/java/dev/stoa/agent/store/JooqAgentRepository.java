package dev.stoa.agent.store;

import static dev.stoa.agent.store.jooq.Tables.AGENTS;
import static dev.stoa.agent.store.jooq.Tables.AGENT_USAGE;
import static dev.stoa.agent.store.jooq.Tables.AGENT_VERSIONS;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.Canary;
import dev.stoa.agent.domain.model.ModelRef;
import dev.stoa.agent.domain.model.Status;
import dev.stoa.agent.domain.model.Usage;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.agent.store.jooq.tables.records.AgentVersionsRecord;
import dev.stoa.agent.store.jooq.tables.records.AgentsRecord;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Agents and their immutable version snapshots; a deleted agent is kept (with its history) but never returned. */
@Component
public final class JooqAgentRepository implements AgentRepository {
    private final TenantTransactions tx;

    public JooqAgentRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Agent agent, AgentVersion first) {
        tx.inOrgRun(agent.orgId(), dsl -> {
            ModelColumns model = ModelColumns.of(first.config().model());
            dsl.insertInto(AGENTS)
                    .set(AGENTS.ID, agent.id())
                    .set(AGENTS.ORG_ID, agent.orgId())
                    .set(AGENTS.STATUS, agent.status().wire())
                    .set(AGENTS.VERSION, agent.version())
                    .set(AGENTS.MODEL_PROVIDER_ID, model.providerId())
                    .set(AGENTS.MODEL_TIER_ID, model.tierId())
                    .set(AGENTS.CREATED_BY, agent.createdBy())
                    .set(AGENTS.CREATED_AT, agent.createdAt())
                    .set(AGENTS.UPDATED_AT, agent.updatedAt())
                    .execute();
            insertVersion(dsl, agent.orgId(), first);
        });
    }

    @Override
    public Optional<Agent> find(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> current(dsl)
                .where(AGENTS.ID.eq(agentId))
                .and(AGENTS.DELETED_AT.isNull())
                .fetchOptional(JooqAgentRepository::map));
    }

    @Override
    public boolean lock(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> dsl.select(AGENTS.ID)
                .from(AGENTS)
                .where(AGENTS.ID.eq(agentId))
                .and(AGENTS.DELETED_AT.isNull())
                .forUpdate()
                .fetchOptional()
                .isPresent());
    }

    @Override
    public Page<Agent> list(String orgId, @Nullable Status status, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = AGENTS.DELETED_AT.isNull();
            if (status != null) {
                condition = condition.and(AGENTS.STATUS.eq(status.wire()));
            }
            if (page.after() != null) {
                condition = condition.and(AGENTS.ID.lt(page.after()));
            }
            List<Agent> rows = current(dsl)
                    .where(condition)
                    .orderBy(AGENTS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqAgentRepository::map);
            return Page.fromOverfetch(rows, page.limit(), Agent::id);
        });
    }

    @Override
    public void appendVersion(String orgId, AgentVersion next) {
        tx.inOrgRun(orgId, dsl -> {
            insertVersion(dsl, orgId, next);
            ModelColumns model = ModelColumns.of(next.config().model());
            dsl.update(AGENTS)
                    .set(AGENTS.VERSION, next.version())
                    .set(AGENTS.MODEL_PROVIDER_ID, model.providerId())
                    .set(AGENTS.MODEL_TIER_ID, model.tierId())
                    .set(AGENTS.UPDATED_AT, next.createdAt())
                    .where(AGENTS.ID.eq(next.agentId()))
                    .execute();
        });
    }

    @Override
    public void setStatus(String orgId, String agentId, Status status, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(AGENTS)
                .set(AGENTS.STATUS, status.wire())
                .set(AGENTS.UPDATED_AT, now)
                .where(AGENTS.ID.eq(agentId))
                .execute());
    }

    @Override
    public void setCanary(String orgId, String agentId, @Nullable Canary canary, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(AGENTS)
                .set(AGENTS.CANARY_VERSION, canary == null ? null : canary.version())
                .set(AGENTS.CANARY_PERCENT, canary == null ? null : canary.percent())
                .set(AGENTS.UPDATED_AT, now)
                .where(AGENTS.ID.eq(agentId))
                .execute());
    }

    @Override
    public void softDelete(String orgId, String agentId, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(AGENTS)
                .set(AGENTS.DELETED_AT, now)
                .set(AGENTS.UPDATED_AT, now)
                .setNull(AGENTS.MODEL_PROVIDER_ID)
                .setNull(AGENTS.MODEL_TIER_ID)
                .setNull(AGENTS.CANARY_VERSION)
                .setNull(AGENTS.CANARY_PERCENT)
                .where(AGENTS.ID.eq(agentId))
                .execute());
    }

    @Override
    public Page<AgentVersion> versions(String orgId, String agentId, PageRequest page, boolean promptOnly) {
        int after = page.after() == null ? Integer.MAX_VALUE : parseCursor(page.after());
        return tx.inOrg(orgId, dsl -> {
            Condition condition = AGENT_VERSIONS.AGENT_ID.eq(agentId).and(AGENT_VERSIONS.VERSION.lt(after));
            if (promptOnly) {
                condition = condition.and(AGENT_VERSIONS.PROMPT_CHANGED.isTrue());
            }
            List<AgentVersion> rows = dsl.selectFrom(AGENT_VERSIONS)
                    .where(condition)
                    .orderBy(AGENT_VERSIONS.VERSION.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqAgentRepository::mapVersion);
            return Page.fromOverfetch(rows, page.limit(), v -> Integer.toString(v.version()));
        });
    }

    @Override
    public Optional<AgentVersion> version(String orgId, String agentId, int version) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(AGENT_VERSIONS)
                .where(AGENT_VERSIONS.AGENT_ID.eq(agentId))
                .and(AGENT_VERSIONS.VERSION.eq(version))
                .fetchOptional(JooqAgentRepository::mapVersion));
    }

    @Override
    public boolean usesProvider(String orgId, String providerId) {
        return tx.inOrg(orgId, dsl -> dsl.fetchExists(AGENTS, AGENTS.MODEL_PROVIDER_ID.eq(providerId)));
    }

    @Override
    public boolean usesTier(String orgId, String tierId) {
        return tx.inOrg(orgId, dsl -> dsl.fetchExists(AGENTS, AGENTS.MODEL_TIER_ID.eq(tierId)));
    }

    @Override
    public List<Usage> usageSince(String orgId, String agentId, OffsetDateTime since) {
        return tx.inOrg(orgId, dsl -> buckets(dsl, agentId, since));
    }

    @Override
    public <T> T changeUsage(
            String orgId, String agentId, OffsetDateTime since, Function<List<Usage>, UsageChange<T>> decide) {
        return tx.inOrg(orgId, dsl -> {
            // One lock per agent for this transaction; other agents' reports do not wait.
            dsl.execute("select pg_advisory_xact_lock(hashtextextended({0}, 0))", agentId);
            UsageChange<T> change = decide.apply(buckets(dsl, agentId, since));
            if (change.requests() != 0 || change.tokens() != 0) {
                dsl.insertInto(AGENT_USAGE)
                        .set(AGENT_USAGE.AGENT_ID, agentId)
                        .set(AGENT_USAGE.WINDOW_START, change.bucket())
                        .set(AGENT_USAGE.ORG_ID, orgId)
                        .set(AGENT_USAGE.REQUESTS, change.requests())
                        .set(AGENT_USAGE.TOKENS, change.tokens())
                        .onConflict(AGENT_USAGE.AGENT_ID, AGENT_USAGE.WINDOW_START)
                        .doUpdate()
                        .set(AGENT_USAGE.REQUESTS, AGENT_USAGE.REQUESTS.plus(change.requests()))
                        .set(AGENT_USAGE.TOKENS, AGENT_USAGE.TOKENS.plus(change.tokens()))
                        .execute();
            }
            return change.result();
        });
    }

    private static List<Usage> buckets(DSLContext dsl, String agentId, OffsetDateTime since) {
        return dsl.selectFrom(AGENT_USAGE)
                .where(AGENT_USAGE.AGENT_ID.eq(agentId))
                .and(AGENT_USAGE.WINDOW_START.ge(since))
                .fetch(r -> new Usage(r.getWindowStart(), r.getRequests(), r.getTokens()));
    }

    @Override
    public int purgeUsageBefore(String orgId, OffsetDateTime cutoff) {
        return tx.inOrg(orgId, dsl -> dsl.deleteFrom(AGENT_USAGE)
                .where(AGENT_USAGE.WINDOW_START.lt(cutoff))
                .execute());
    }

    private static SelectOnConditionStep<Record> current(DSLContext dsl) {
        return dsl.select(AGENTS.asterisk())
                .select(AGENT_VERSIONS.CONFIG)
                .from(AGENTS)
                .join(AGENT_VERSIONS)
                .on(AGENT_VERSIONS.AGENT_ID.eq(AGENTS.ID).and(AGENT_VERSIONS.VERSION.eq(AGENTS.VERSION)));
    }

    private static void insertVersion(DSLContext dsl, String orgId, AgentVersion v) {
        dsl.insertInto(AGENT_VERSIONS)
                .set(AGENT_VERSIONS.AGENT_ID, v.agentId())
                .set(AGENT_VERSIONS.VERSION, v.version())
                .set(AGENT_VERSIONS.ORG_ID, orgId)
                .set(AGENT_VERSIONS.CONFIG, AgentConfigCodec.encode(v.config()))
                .set(AGENT_VERSIONS.CHANGE_KIND, v.change())
                .set(AGENT_VERSIONS.SOURCE_VERSION, v.sourceVersion())
                .set(AGENT_VERSIONS.PROMPT_CHANGED, v.promptChanged())
                .set(AGENT_VERSIONS.CREATED_BY, v.createdBy())
                .set(AGENT_VERSIONS.CREATED_AT, v.createdAt())
                .execute();
    }

    private static int parseCursor(String after) {
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw new dev.stoa.common.error.InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }

    private static Agent map(Record r) {
        AgentsRecord a = r.into(AGENTS);
        Canary canary = a.getCanaryVersion() == null || a.getCanaryPercent() == null
                ? null
                : new Canary(a.getCanaryVersion(), a.getCanaryPercent());
        return new Agent(
                a.getId(),
                a.getOrgId(),
                Status.fromWire(a.getStatus()),
                a.getVersion(),
                canary,
                AgentConfigCodec.decode(r.get(AGENT_VERSIONS.CONFIG)),
                a.getCreatedBy(),
                a.getCreatedAt(),
                a.getUpdatedAt());
    }

    private static AgentVersion mapVersion(AgentVersionsRecord r) {
        return new AgentVersion(
                r.getAgentId(),
                r.getVersion(),
                AgentConfigCodec.decode(r.getConfig()),
                r.getChangeKind(),
                r.getSourceVersion(),
                r.getPromptChanged(),
                r.getCreatedBy(),
                r.getCreatedAt());
    }

    /** The model columns mirrored from a version's model reference. */
    private record ModelColumns(
            @Nullable String providerId, @Nullable String tierId) {
        static ModelColumns of(@Nullable ModelRef model) {
            return switch (model) {
                case ModelRef.Direct direct -> new ModelColumns(direct.providerId(), null);
                case ModelRef.Tier tier -> new ModelColumns(null, tier.tierId());
                case null -> new ModelColumns(null, null);
            };
        }
    }
}
