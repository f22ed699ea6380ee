--liquibase formatted sql

--changeset stoa:tools-005-mcp-servers
-- External MCP servers an org registers as tool sources (issue 11). Their tools are rows of tools with source 'mcp'
-- and the server's id as their connection. The credential's secret (a header value or an OAuth client secret) is
-- sealed with the secret box for (org_id|id); credential holds only what may be shown (type, header name, token URL,
-- client id, scope) as JSON.
create table mcp_servers (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(32) not null,
    url varchar(2048) not null,
    credential text,
    credential_sealed text,
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint mcp_servers_org_name unique (org_id, name)
);

create index mcp_servers_org on mcp_servers (org_id, id);

-- Where a tool comes from: 'sdk' (a connected backend) or 'mcp' (an external MCP server, sdk_connection_id = its id).
alter table tools add column source varchar(16) not null default 'sdk';

--changeset stoa:tools-005-mcp-servers-security splitStatements:false
-- [jooq ignore start]
alter table mcp_servers enable row level security;
alter table mcp_servers force row level security;
create policy tenant_isolation on mcp_servers
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on mcp_servers to ${app_role};

-- Every registered server of every org (ids only), for the periodic resync that keeps each instance connected. Only
-- the owner role gets this read policy: the app role still sees one org at a time, and reaches across orgs only
-- through this function.
create policy mcp_servers_resync on mcp_servers for select to current_user using (true);

create function tools_mcp_servers_all()
    returns table (org_id text, id text)
    language sql stable security definer set search_path = public
    as $$ select s.org_id::text, s.id::text from mcp_servers s order by s.org_id, s.id $$;

revoke all on function tools_mcp_servers_all() from public;
grant execute on function tools_mcp_servers_all() to ${app_role};
-- [jooq ignore stop]
