--liquibase formatted sql

-- The tenant-table convention of every service: include this file LAST in the master changelog
-- (classpath:db/changelog/stoa/force-rls.sql). Every table with an org_id column and row-level security enabled gets
-- FORCE ROW LEVEL SECURITY, so its policies bind the table owner too (only a role with BYPASSRLS escapes them, and the
-- test kit asserts the runtime role has none). It runs on every migration, so new tables are covered by adding their
-- policy; a tenant table without row-level security fails the kit's assertion
-- (dev.stoa.test.service.RowLevelSecurityAssertions), it is not silently forced into showing nothing.

--changeset stoa:stoa-force-rls runAlways:true splitStatements:false
do $$
declare
    t record;
begin
    for t in
        select c.relname
        from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
        where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relrowsecurity
            and not c.relforcerowsecurity
    loop
        execute format('alter table %I force row level security', t.relname);
    end loop;
end $$;
