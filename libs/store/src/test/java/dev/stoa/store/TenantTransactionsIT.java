package dev.stoa.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import dev.stoa.embedded.StoaPostgres;
import java.sql.SQLException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = TenantTransactionsIT.App.class,
        properties = "spring.liquibase.change-log=classpath:db/changelog/store-test.sql")
class TenantTransactionsIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StoaPostgres.freshDatabase("store").springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    TenantTransactions tenants;

    @Autowired
    SecretBox secretBox;

    @Test
    void queryWithoutOrgFilterSeesOnlyTheCurrentOrg() {
        insert("org_a", "a1");
        insert("org_b", "b1");

        assertThat(tenants.inOrg("org_a", TenantTransactionsIT::allBodies))
                .contains("a1")
                .doesNotContain("b1");
        assertThat(tenants.inOrg("org_b", TenantTransactionsIT::allBodies))
                .contains("b1")
                .doesNotContain("a1");
    }

    @Test
    void globalSeesNoTenantRowsAndCannotWriteThem() {
        insert("org_a", "a2");

        assertThat(tenants.global(TenantTransactionsIT::allBodies)).isEmpty();
        assertRefusedByRowLevelSecurity(() -> tenants.globalRun(tx -> tx.insertInto(table("notes"))
                .columns(field("org_id"), field("body"))
                .values("org_a", "sneaky")
                .execute()));
        assertThat(tenants.inOrg("org_a", TenantTransactionsIT::allBodies)).doesNotContain("sneaky");
    }

    @Test
    void cannotWriteAnotherOrgsRow() {
        assertRefusedByRowLevelSecurity(() -> tenants.inOrgRun("org_a", tx -> tx.insertInto(table("notes"))
                .columns(field("org_id"), field("body"))
                .values("org_b", "smuggled")
                .execute()));
        assertThat(tenants.inOrg("org_b", TenantTransactionsIT::allBodies)).doesNotContain("smuggled");
    }

    @Test
    void nestedCallRestoresTheOuterOrg() {
        insert("org_a", "a3");
        insert("org_b", "b3");

        List<String> after = tenants.inOrg("org_a", tx -> {
            assertThat(tenants.inOrg("org_b", TenantTransactionsIT::allBodies)).contains("b3");
            assertThat(tenants.global(TenantTransactionsIT::allBodies)).isEmpty();
            return allBodies(tx);
        });

        assertThat(after).contains("a3").doesNotContain("b3");
    }

    @Test
    void securityDefinerLookupAnswersAcrossOrgsFromGlobal() {
        insert("org_b", "lookup-me");

        String org =
                tenants.global(tx -> tx.fetchValue("select note_org(?)", "lookup-me")) instanceof String s ? s : null;

        assertThat(org).isEqualTo("org_b");
    }

    @Test
    void rejectsBlankOrg() {
        assertThatThrownBy(() -> tenants.inOrg(" ", TenantTransactionsIT::allBodies))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orgId must not be blank");
    }

    @Test
    void secretBoxStartsWithoutKeysAndFailsClosed() {
        assertThat(secretBox.available()).isFalse();
        assertThatThrownBy(() -> secretBox.sealString("x", "org_a|r"))
                .isInstanceOf(SecretBoxUnavailableException.class);
    }

    /** PostgreSQL refused the write with insufficient_privilege (42501) naming its row-level security policy. */
    private static void assertRefusedByRowLevelSecurity(ThrowingCallable write) {
        assertThatThrownBy(write).satisfies(failure -> {
            SQLException sql = sqlException(failure);
            assertThat(sql.getSQLState()).isEqualTo("42501");
            assertThat(sql.getMessage()).contains("new row violates row-level security policy for table \"notes\"");
        });
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        throw new AssertionError("no SQLException behind " + failure, failure);
    }

    private void insert(String orgId, String body) {
        tenants.inOrgRun(orgId, tx -> tx.insertInto(table("notes"))
                .columns(field("org_id"), field("body"))
                .values(orgId, body)
                .execute());
    }

    private static List<String> allBodies(DSLContext tx) {
        return tx.select(field("body", String.class)).from(table("notes")).fetch(0, String.class);
    }
}
