package dev.stoa.memory.store;

import static dev.stoa.memory.store.jooq.Tables.MEMORY_CONFIGS;

import dev.stoa.memory.domain.model.ExtractionModel;
import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.model.MemoryScope;
import dev.stoa.memory.domain.port.MemoryConfigRepository;
import dev.stoa.memory.store.jooq.tables.records.MemoryConfigsRecord;
import dev.stoa.store.TenantTransactions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link MemoryConfigRepository} in {@code memory_configs}. */
@Component
public final class JooqMemoryConfigRepository implements MemoryConfigRepository {
    private final TenantTransactions tx;
    private final Clock clock;

    public JooqMemoryConfigRepository(TenantTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<MemoryConfig> find(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(MEMORY_CONFIGS)
                .where(MEMORY_CONFIGS.AGENT_ID.eq(agentId))
                .fetchOptional(JooqMemoryConfigRepository::config));
    }

    @Override
    public MemoryConfig save(String orgId, MemoryConfig c) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ExtractionModel m = c.extractionModel();
        MemoryConfigsRecord row = new MemoryConfigsRecord()
                .setOrgId(orgId)
                .setAgentId(c.agentId())
                .setEnabled(c.enabled())
                .setScope(c.scope().wire())
                .setCluster(c.cluster())
                .setExtractionTierId(m == null ? null : m.tierId())
                .setExtractionProviderId(m == null ? null : m.providerId())
                .setExtractionModel(m == null ? null : m.model())
                .setRetentionDays(c.retentionDays())
                .setMaxFactsPerScope(c.maxFactsPerScope())
                .setIgnoredCategories(c.ignoredCategories().toArray(String[]::new))
                .setRecallTopK(c.recallTopK())
                .setUpdatedAt(now)
                .setVersion(1L);
        return tx.inOrg(orgId, dsl -> dsl.insertInto(MEMORY_CONFIGS)
                .set(row)
                .onConflict(MEMORY_CONFIGS.ORG_ID, MEMORY_CONFIGS.AGENT_ID)
                .doUpdate()
                .set(row)
                .set(MEMORY_CONFIGS.VERSION, MEMORY_CONFIGS.VERSION.plus(1))
                .returning()
                .fetchSingle(JooqMemoryConfigRepository::config));
    }

    private static MemoryConfig config(MemoryConfigsRecord r) {
        ExtractionModel model = r.getExtractionTierId() != null
                ? ExtractionModel.tier(r.getExtractionTierId())
                : r.getExtractionProviderId() != null && r.getExtractionModel() != null
                        ? ExtractionModel.provider(r.getExtractionProviderId(), r.getExtractionModel())
                        : null;
        return new MemoryConfig(
                r.getAgentId(),
                r.getEnabled(),
                MemoryScope.of(r.getScope()).orElse(MemoryScope.USER),
                r.getCluster(),
                model,
                r.getRetentionDays(),
                r.getMaxFactsPerScope(),
                List.of(r.getIgnoredCategories()),
                r.getRecallTopK(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
