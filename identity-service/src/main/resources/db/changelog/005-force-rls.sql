--liquibase formatted sql

--changeset stoa:identity-005-definer-reads splitStatements:false
-- [jooq ignore start]
-- With FORCE ROW LEVEL SECURITY (db/changelog/stoa/force-rls.sql) the owner is bound by the policies too, and the
-- SECURITY DEFINER lookups run as the owner before any org is known (the org of a key hash, the orgs of a user, the
-- revocations of every org). They only read: the owner (the role running these migrations) may read every row, and
-- writes stay bound to the current org for every role.
create policy definer_reads on orgs for select to current_user using (true);
create policy definer_reads on memberships for select to current_user using (true);
create policy definer_reads on sessions for select to current_user using (true);
create policy definer_reads on refresh_tokens for select to current_user using (true);
create policy definer_reads on api_keys for select to current_user using (true);
create policy definer_reads on sdk_connections for select to current_user using (true);
-- [jooq ignore stop]
