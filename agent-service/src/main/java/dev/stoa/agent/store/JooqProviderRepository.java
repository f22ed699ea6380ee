package dev.stoa.agent.store;

import static dev.stoa.agent.store.jooq.Tables.PROVIDERS;

import dev.stoa.agent.domain.model.Provider;
import dev.stoa.agent.domain.port.ProviderRepository;
import dev.stoa.agent.store.jooq.tables.records.ProvidersRecord;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.store.SqlErrors;
import dev.stoa.store.TenantTransactions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** BYOK providers. The API key is stored sealed (see SecretBox) next to its last four characters. */
@Component
public final class JooqProviderRepository implements ProviderRepository {
    private final TenantTransactions tx;

    public JooqProviderRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(Provider provider, @Nullable String sealedKey) {
        return SqlErrors.unlessDuplicate(() -> tx.inOrgRun(provider.orgId(), dsl -> dsl.insertInto(PROVIDERS)
                .set(PROVIDERS.ID, provider.id())
                .set(PROVIDERS.ORG_ID, provider.orgId())
                .set(PROVIDERS.NAME, provider.name())
                .set(PROVIDERS.KIND, provider.kind())
                .set(PROVIDERS.BASE_URL, provider.baseUrl())
                .set(PROVIDERS.API_KEY_SEALED, sealedKey)
                .set(PROVIDERS.API_KEY_LAST4, provider.apiKeyLast4())
                .set(PROVIDERS.CREATED_BY, provider.createdBy())
                .set(PROVIDERS.CREATED_AT, provider.createdAt())
                .set(PROVIDERS.UPDATED_AT, provider.updatedAt())
                .execute()));
    }

    @Override
    public Optional<Provider> find(String orgId, String providerId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(PROVIDERS)
                .where(PROVIDERS.ID.eq(providerId))
                .fetchOptional(JooqProviderRepository::map));
    }

    @Override
    public Optional<Provider> findShared(String orgId, String providerId) {
        return tx.inOrg(orgId, dsl -> dsl.selectFrom(PROVIDERS)
                .where(PROVIDERS.ID.eq(providerId))
                .forShare()
                .fetchOptional(JooqProviderRepository::map));
    }

    @Override
    public Map<String, Provider> findAllShared(String orgId, Collection<String> providerIds) {
        return tx.inOrg(orgId, dsl -> dsl
                .selectFrom(PROVIDERS)
                .where(PROVIDERS.ID.in(providerIds))
                .forShare()
                .fetch(JooqProviderRepository::map)
                .stream()
                .collect(Collectors.toMap(Provider::id, Function.identity())));
    }

    @Override
    public Optional<String> sealedKey(String orgId, String providerId) {
        return tx.inOrg(orgId, dsl -> dsl.select(PROVIDERS.API_KEY_SEALED)
                .from(PROVIDERS)
                .where(PROVIDERS.ID.eq(providerId))
                .fetchOptional(PROVIDERS.API_KEY_SEALED));
    }

    @Override
    public Page<Provider> list(String orgId, PageRequest page) {
        return tx.inOrg(orgId, dsl -> {
            Condition condition = page.after() == null ? PROVIDERS.ID.isNotNull() : PROVIDERS.ID.lt(page.after());
            List<Provider> rows = dsl.selectFrom(PROVIDERS)
                    .where(condition)
                    .orderBy(PROVIDERS.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(JooqProviderRepository::map);
            return Page.fromOverfetch(rows, page.limit(), Provider::id);
        });
    }

    @Override
    public boolean lock(String orgId, String providerId) {
        return tx.inOrg(orgId, dsl -> dsl.select(PROVIDERS.ID)
                .from(PROVIDERS)
                .where(PROVIDERS.ID.eq(providerId))
                .forUpdate()
                .fetchOptional()
                .isPresent());
    }

    @Override
    public boolean delete(String orgId, String providerId) {
        return tx.inOrg(
                orgId,
                dsl -> dsl.deleteFrom(PROVIDERS)
                                .where(PROVIDERS.ID.eq(providerId))
                                .execute()
                        == 1);
    }

    static Provider map(ProvidersRecord r) {
        return new Provider(
                r.getId(),
                r.getOrgId(),
                r.getName(),
                r.getKind(),
                r.getBaseUrl(),
                r.getApiKeySealed() != null,
                r.getApiKeyLast4(),
                r.getCreatedBy(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
