--liquibase formatted sql

--changeset stoa:tools-006-mcp-endpoints
-- MCP endpoints (issue 11): what an org exposes to MCP clients at /mcp/{org_slug}/{id}: tool names, tool groups (by
-- name) and agents (by id), and the auth modes its clients may use. Lists are JSON arrays.
create table mcp_endpoints (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(64) not null,
    tools text not null,
    tool_groups text not null,
    agents text not null,
    auth_modes text not null,
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint mcp_endpoints_org_name unique (org_id, name)
);

create index mcp_endpoints_org on mcp_endpoints (org_id, id);

--changeset stoa:tools-006-mcp-endpoints-security splitStatements:false
-- [jooq ignore start]
alter table mcp_endpoints enable row level security;
alter table mcp_endpoints force row level security;
create policy tenant_isolation on mcp_endpoints
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on mcp_endpoints to ${app_role};
-- [jooq ignore stop]
