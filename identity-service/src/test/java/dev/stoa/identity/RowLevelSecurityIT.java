package dev.stoa.identity;

import static dev.stoa.identity.store.jooq.Tables.API_KEYS;
import static dev.stoa.identity.store.jooq.Tables.MEMBERSHIPS;
import static dev.stoa.identity.store.jooq.Tables.ORGS;
import static dev.stoa.identity.store.jooq.Tables.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.identity.Api.Session;
import dev.stoa.store.TenantTransactions;
import dev.stoa.test.service.RowLevelSecurityAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IdentityServiceTest
class RowLevelSecurityIT {
    private final Api api;

    RowLevelSecurityIT(Api api) {
        this.api = api;
    }

    @Autowired
    TenantTransactions tx;

    @Test
    void queriesWithoutAnOrgFilterStillSeeOnlyTheCurrentOrg() {
        Session orgA = api.registerFresh();
        Session orgB = api.registerFresh();
        api.post("/api/v1/org/api-keys", orgB.accessToken(), Map.of("name", "b", "scopes", List.of("org:read")));

        // Deliberately no WHERE org_id = ...: row-level security must do the filtering.
        List<String> memberOrgs = tx.inOrg(
                orgA.orgId(),
                dsl -> dsl.select(MEMBERSHIPS.ORG_ID).from(MEMBERSHIPS).fetch(MEMBERSHIPS.ORG_ID));
        List<String> orgs =
                tx.inOrg(orgA.orgId(), dsl -> dsl.select(ORGS.ID).from(ORGS).fetch(ORGS.ID));
        List<String> sessionOrgs = tx.inOrg(
                orgA.orgId(), dsl -> dsl.select(SESSIONS.ORG_ID).from(SESSIONS).fetch(SESSIONS.ORG_ID));
        int foreignKeys = tx.inOrg(orgA.orgId(), dsl -> dsl.fetchCount(API_KEYS));

        assertThat(memberOrgs).isNotEmpty().containsOnly(orgA.orgId());
        assertThat(orgs).containsExactly(orgA.orgId());
        assertThat(sessionOrgs).isNotEmpty().containsOnly(orgA.orgId());
        assertThat(foreignKeys).isZero();
    }

    @Test
    void withoutAnOrgNoTenantRowIsVisibleAndWritesToAnotherOrgAreRefused() {
        Session orgA = api.registerFresh();
        Session orgB = api.registerFresh();

        int globalMembers = tx.global(dsl -> dsl.fetchCount(MEMBERSHIPS));
        int globalOrgs = tx.global(dsl -> dsl.fetchCount(ORGS));
        assertThat(globalMembers).isZero();
        assertThat(globalOrgs).isZero();
        int updated = tx.inOrg(orgA.orgId(), dsl -> dsl.update(ORGS)
                .set(ORGS.NAME, "hijacked")
                .where(ORGS.ID.eq(orgB.orgId()))
                .execute());
        assertThat(updated).isZero();
        assertThat(api.get("/api/v1/org", orgB.accessToken())
                        .json()
                        .path("name")
                        .asString())
                .isNotEqualTo("hijacked");
    }

    @Test
    void everyTenantTableIsForcedAndTheServiceRunsAsNeitherOwnerNorBypasser() {
        RowLevelSecurityAssertions.assertTenantTablesForced(StoaPostgres.database("identity"));
    }
}
