/**
 * Persistence conventions shared by every service: tenant isolation by PostgreSQL row-level security, and
 * encryption of secrets at rest.
 *
 * <h2>Row-level security</h2>
 *
 * <ul>
 *   <li>Every tenant table has {@code org_id text not null}, {@code ENABLE ROW LEVEL SECURITY}, {@code FORCE ROW
 *       LEVEL SECURITY} and one policy {@code USING (org_id = current_setting('stoa.org_id', true)) WITH CHECK
 *       (org_id = current_setting('stoa.org_id', true))}.
 *   <li>Liquibase runs as the database's owner role; the service runs as the app role, which is neither owner nor
 *       superuser and lacks {@code BYPASSRLS}. Changelogs grant table and sequence privileges to {@code
 *       ${app_role}}.
 *   <li>Repositories run inside {@link dev.stoa.store.TenantTransactions#inOrg}, which sets {@code stoa.org_id}
 *       for the transaction only ({@code set_config(..., true)}), so a query that forgets its {@code WHERE org_id}
 *       still sees one org. Global tables (users, signing keys) have no policy and are read with {@link
 *       dev.stoa.store.TenantTransactions#global}, where tenant tables look empty.
 *   <li>Lookups that must cross orgs before anyone is authenticated (which org owns this API key hash?) are
 *       {@code SECURITY DEFINER} functions owned by the owner role, with {@code SET search_path = public}, that
 *       return only the columns the lookup needs; {@code EXECUTE} is revoked from {@code PUBLIC} and granted to
 *       {@code ${app_role}}. Since {@code FORCE} binds the owner too, the table gets one extra policy {@code FOR
 *       SELECT TO current_user USING (true)} created by the changelog (so for the owner only). See README.md.
 * </ul>
 *
 * <p>{@link dev.stoa.store.SecretBox} seals provider keys and other secrets with AES-256-GCM under a versioned key
 * ring, binding each ciphertext to its record through associated data.
 */
@NullMarked
package dev.stoa.store;

import org.jspecify.annotations.NullMarked;
