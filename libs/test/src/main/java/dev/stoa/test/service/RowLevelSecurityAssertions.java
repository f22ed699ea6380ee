package dev.stoa.test.service;

import dev.stoa.embedded.StoaPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tenant-table rule every service's test calls in one line: every table with an {@code org_id} has row-level
 * security enabled and forced, and the role the service runs as owns no table, is no superuser and has NOBYPASSRLS.
 */
public final class RowLevelSecurityAssertions {
    /**
     * Platform tables keyed by org without row-level security, each for a reason: {@code stoa_idempotency_keys} is
     * read by the idempotency filter before any tenant transaction, with the org in its primary key.
     */
    public static final Set<String> PLATFORM_EXEMPT = Set.of("stoa_idempotency_keys");

    private RowLevelSecurityAssertions() {}

    private static void check(boolean holds, String failure) {
        if (!holds) {
            throw new AssertionError(failure);
        }
    }

    /** Asserts the rule on a service's database, as the app role the service runs as. */
    public static void assertTenantTablesForced(StoaPostgres.Database database) {
        try (Connection app = database.connectAsApp()) {
            List<String> tenantTables = new ArrayList<>();
            List<String> unprotected = new ArrayList<>();
            try (ResultSet rows = app.createStatement().executeQuery("""
                            select c.relname, c.relrowsecurity, c.relforcerowsecurity
                            from pg_class c
                                join pg_namespace n on n.oid = c.relnamespace
                                join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id'
                                    and not a.attisdropped
                            where n.nspname = current_schema() and c.relkind in ('r', 'p')
                            order by c.relname""")) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (PLATFORM_EXEMPT.contains(table)) {
                        continue;
                    }
                    tenantTables.add(table);
                    if (!rows.getBoolean(2) || !rows.getBoolean(3)) {
                        unprotected.add(table);
                    }
                }
            }
            check(!tenantTables.isEmpty(), "no table with an org_id in " + database);
            check(unprotected.isEmpty(), "tenant tables without row-level security enabled and forced: " + unprotected);
            try (ResultSet role = app.createStatement().executeQuery("""
                            select r.rolsuper, r.rolbypassrls,
                                (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                 where n.nspname = current_schema() and c.relowner = r.oid)
                            from pg_roles r where r.rolname = current_user""")) {
                check(role.next(), "the runtime role is not in pg_roles");
                check(!role.getBoolean(1), "the runtime role is a superuser");
                check(!role.getBoolean(2), "the runtime role has BYPASSRLS");
                check(role.getLong(3) == 0, "the runtime role owns " + role.getLong(3) + " relation(s)");
            }
        } catch (SQLException e) {
            throw new AssertionError("could not inspect " + database, e);
        }
    }
}
