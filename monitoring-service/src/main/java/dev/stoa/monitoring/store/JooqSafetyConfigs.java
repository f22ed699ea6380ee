package dev.stoa.monitoring.store;

import static dev.stoa.monitoring.store.jooq.Tables.SAFETY_CONFIGS;

import dev.stoa.monitoring.domain.model.SafetyConfig;
import dev.stoa.monitoring.domain.port.SafetyConfigRepository;
import dev.stoa.monitoring.store.jooq.tables.records.SafetyConfigsRecord;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.JSON;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Safety policies in PostgreSQL: one row per org (agent id empty) and per agent override, as JSON. */
@Component
public final class JooqSafetyConfigs implements SafetyConfigRepository {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Rule>> RULES = new TypeReference<>() {};
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    private final TenantTransactions tx;

    public JooqSafetyConfigs(TenantTransactions tx) {
        this.tx = tx;
    }

    /** The stored shape of a rule. */
    record Rule(boolean enabled, String action) {}

    @Override
    public Optional<SafetyConfig> find(String orgId, String agentId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(SAFETY_CONFIGS)
                .where(SAFETY_CONFIGS.ORG_ID.eq(orgId).and(SAFETY_CONFIGS.AGENT_ID.eq(agentId)))
                .fetchOptional(JooqSafetyConfigs::map));
    }

    @Override
    public SafetyConfig put(String orgId, String agentId, SafetyPolicy policy, String updatedBy, OffsetDateTime at) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        policy.detectors()
                .forEach((id, rule) -> rules.put(
                        id.id(), new Rule(rule.enabled(), rule.action().id())));
        List<String> surfaces = new ArrayList<>();
        policy.surfaces().forEach(s -> surfaces.add(s.id()));
        JSON detectors = JSON.json(MAPPER.writeValueAsString(rules));
        JSON surfacesJson = JSON.json(MAPPER.writeValueAsString(surfaces));
        return tx.inOrg(
                orgId,
                dsl -> map(dsl.insertInto(SAFETY_CONFIGS)
                        .set(SAFETY_CONFIGS.ORG_ID, orgId)
                        .set(SAFETY_CONFIGS.AGENT_ID, agentId)
                        .set(SAFETY_CONFIGS.DETECTORS, detectors)
                        .set(SAFETY_CONFIGS.SURFACES, surfacesJson)
                        .set(SAFETY_CONFIGS.UPDATED_BY, updatedBy)
                        .set(SAFETY_CONFIGS.UPDATED_AT, at)
                        .onConflict(SAFETY_CONFIGS.ORG_ID, SAFETY_CONFIGS.AGENT_ID)
                        .doUpdate()
                        .set(SAFETY_CONFIGS.DETECTORS, detectors)
                        .set(SAFETY_CONFIGS.SURFACES, surfacesJson)
                        .set(SAFETY_CONFIGS.UPDATED_BY, updatedBy)
                        .set(SAFETY_CONFIGS.UPDATED_AT, at)
                        .returning()
                        .fetchSingle()));
    }

    /** Read leniently (SafetyPolicy.fromWire): a row outlives detectors and surfaces the library adds or drops. */
    private static SafetyConfig map(SafetyConfigsRecord r) {
        Map<String, DetectorRule> rules = new HashMap<>();
        MAPPER.readValue(r.getDetectors().data(), RULES)
                .forEach((id, rule) -> rules.put(id, DetectorRule.fromWire(rule.enabled(), rule.action())));
        List<String> surfaces = MAPPER.readValue(r.getSurfaces().data(), NAMES);
        return new SafetyConfig(
                r.getAgentId(),
                SafetyPolicy.fromWire(rules, surfaces),
                r.getAgentId().isEmpty() ? SafetyConfig.ORG : SafetyConfig.AGENT,
                r.getUpdatedBy(),
                r.getUpdatedAt());
    }
}
