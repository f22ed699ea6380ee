--liquibase formatted sql

--changeset stoa:store-test-1
create table notes (
    id bigserial primary key,
    org_id text not null,
    body text not null
);
alter table notes enable row level security;
alter table notes force row level security;
create policy notes_tenant on notes
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on notes to ${app_role};
grant usage on sequence notes_id_seq to ${app_role};

--changeset stoa:store-test-2 splitStatements:false
-- The pre-authentication lookup pattern: FORCE makes RLS bind the owner too, so the owner gets one
-- read-only policy of its own, used only by SECURITY DEFINER functions like this one.
create policy notes_definer_lookup on notes for select to current_user using (true);
create function note_org(p_body text) returns text
    language sql stable security definer set search_path = public
as $$
    select org_id from notes where body = p_body
$$;
revoke all on function note_org(text) from public;
grant execute on function note_org(text) to ${app_role};
