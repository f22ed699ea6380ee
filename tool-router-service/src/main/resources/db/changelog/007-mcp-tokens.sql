--liquibase formatted sql

--changeset stoa:tools-007-mcp-tokens
-- Personal access tokens of the MCP gateway (stoa_pat_...): bound to one org and some of its MCP endpoints, expiring,
-- revocable. Only the SHA-256 of the token is kept (hex); the token is shown once, at creation.
create table mcp_tokens (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(64) not null,
    token_hash varchar(64) not null,
    endpoint_ids text not null,
    user_id varchar(64) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    constraint mcp_tokens_hash unique (token_hash)
);

create index mcp_tokens_org on mcp_tokens (org_id, id);

--changeset stoa:tools-007-mcp-tokens-security splitStatements:false
-- [jooq ignore start]
alter table mcp_tokens enable row level security;
alter table mcp_tokens force row level security;
create policy tenant_isolation on mcp_tokens
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on mcp_tokens to ${app_role};

-- The MCP gateway knows a token, not its org: this finds the token by its hash (the owner role alone may read across
-- orgs, and only through this function).
create policy mcp_tokens_lookup on mcp_tokens for select to current_user using (true);

create function tools_mcp_token_lookup(p_hash text)
    returns table (org_id text, id text)
    language sql stable security definer set search_path = public
    as $$ select t.org_id::text, t.id::text from mcp_tokens t where t.token_hash = p_hash $$;

revoke all on function tools_mcp_token_lookup(text) from public;
grant execute on function tools_mcp_token_lookup(text) to ${app_role};
-- [jooq ignore stop]
