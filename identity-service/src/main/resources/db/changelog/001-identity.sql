--liquibase formatted sql

--changeset stoa:identity-001-tables
create table orgs (
    id varchar(40) primary key,
    name varchar(200) not null,
    slug varchar(64) not null unique,
    settings text not null default '{}',
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create table users (
    id varchar(40) primary key,
    email varchar(254) not null unique,
    name varchar(200) not null,
    password_hash text,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create table memberships (
    id varchar(40) primary key,
    org_id varchar(40) not null references orgs (id),
    user_id varchar(40) not null references users (id),
    role varchar(16) not null,
    status varchar(16) not null,
    invite_token_hash varchar(64) unique,
    invite_expires_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint memberships_org_user unique (org_id, user_id)
);

create table sessions (
    id varchar(40) primary key,
    org_id varchar(40) not null references orgs (id),
    user_id varchar(40) not null references users (id),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    revoked_at timestamp with time zone,
    revoked_reason text
);

create table refresh_tokens (
    id varchar(40) primary key,
    org_id varchar(40) not null references orgs (id),
    session_id varchar(40) not null references sessions (id),
    token_hash varchar(64) not null unique,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);

create table api_keys (
    id varchar(40) primary key,
    org_id varchar(40) not null references orgs (id),
    name varchar(200) not null,
    secret_hash varchar(64) not null unique,
    last4 varchar(8) not null,
    scopes text not null,
    role varchar(16) not null,
    created_by varchar(40) not null references users (id),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);

create table sdk_connections (
    id varchar(40) primary key,
    org_id varchar(40) not null references orgs (id),
    name varchar(200) not null,
    secret_hash varchar(64) not null unique,
    last4 varchar(8) not null,
    created_by varchar(40) not null references users (id),
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);

create table signing_keys (
    kid varchar(40) primary key,
    private_key_sealed text not null,
    public_jwk text not null,
    created_at timestamp with time zone not null,
    retired_at timestamp with time zone
);

create table login_failures (
    throttle_key varchar(80) primary key,
    failures integer not null,
    window_started_at timestamp with time zone not null,
    locked_until timestamp with time zone
);

create index memberships_user on memberships (user_id);
create index sessions_user on sessions (org_id, user_id);
create index refresh_tokens_session on refresh_tokens (session_id);

--changeset stoa:identity-001-security splitStatements:false
-- [jooq ignore start]
-- Row-level security: the service runs as ${app_role}, which does not own these tables, so every query on a
-- tenant table sees only the rows of the org set by TenantTransactions (set_config('stoa.org_id', ..., true)).
alter table orgs enable row level security;
create policy tenant_isolation on orgs
    using (id = current_setting('stoa.org_id', true))
    with check (id = current_setting('stoa.org_id', true));

alter table memberships enable row level security;
create policy tenant_isolation on memberships
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table sessions enable row level security;
create policy tenant_isolation on sessions
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table refresh_tokens enable row level security;
create policy tenant_isolation on refresh_tokens
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table api_keys enable row level security;
create policy tenant_isolation on api_keys
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table sdk_connections enable row level security;
create policy tenant_isolation on sdk_connections
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

-- Pre-authentication lookups: a credential names no org yet. These run as the owner (who is not subject to
-- row-level security) and return only the org id, which the caller then sets before reading anything else.
create function identity_org_of_refresh_token(p_hash text) returns text
    language sql stable security definer set search_path = public
    as $$ select org_id from refresh_tokens where token_hash = p_hash $$;

create function identity_org_of_api_key(p_hash text) returns text
    language sql stable security definer set search_path = public
    as $$ select org_id from api_keys where secret_hash = p_hash $$;

create function identity_org_of_sdk_connection(p_hash text) returns text
    language sql stable security definer set search_path = public
    as $$ select org_id from sdk_connections where secret_hash = p_hash $$;

create function identity_org_of_invite(p_hash text) returns text
    language sql stable security definer set search_path = public
    as $$ select org_id from memberships where invite_token_hash = p_hash $$;

-- The orgs a user belongs to, oldest membership first (login picks the org).
create function identity_orgs_of_user(p_user_id text) returns table (org_id text, created_at timestamp with time zone)
    language sql stable security definer set search_path = public
    as $$ select org_id, created_at from memberships where user_id = p_user_id and status = 'active' order by created_at $$;

-- Whether the credential behind a token's sid (session, API key or SDK connection) was revoked or has expired.
create function identity_credential_revoked(p_sid text) returns boolean
    language sql stable security definer set search_path = public
    as $$ select case
        when p_sid like 'ses\_%' then coalesce(
            (select revoked_at is not null or expires_at < now() from sessions where id = p_sid), true)
        when p_sid like 'key\_%' then coalesce(
            (select revoked_at is not null or coalesce(expires_at < now(), false) from api_keys where id = p_sid), true)
        when p_sid like 'sdk\_%' then coalesce(
            (select revoked_at is not null from sdk_connections where id = p_sid), true)
        else false end $$;

revoke all on function identity_org_of_refresh_token(text) from public;
revoke all on function identity_org_of_api_key(text) from public;
revoke all on function identity_org_of_sdk_connection(text) from public;
revoke all on function identity_org_of_invite(text) from public;
revoke all on function identity_orgs_of_user(text) from public;
revoke all on function identity_credential_revoked(text) from public;
grant execute on function identity_org_of_refresh_token(text) to ${app_role};
grant execute on function identity_org_of_api_key(text) to ${app_role};
grant execute on function identity_org_of_sdk_connection(text) to ${app_role};
grant execute on function identity_org_of_invite(text) to ${app_role};
grant execute on function identity_orgs_of_user(text) to ${app_role};
grant execute on function identity_credential_revoked(text) to ${app_role};

grant select, insert, update, delete on orgs, users, memberships, sessions, refresh_tokens, api_keys,
    sdk_connections, signing_keys, login_failures to ${app_role};
-- [jooq ignore stop]
