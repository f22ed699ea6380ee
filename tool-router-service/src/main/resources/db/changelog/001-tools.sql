--liquibase formatted sql

--changeset stoa:tools-001-tables
-- Tools registered by connected backends: one row per (org, SDK connection, name). version is a hash of the
-- description and the argument schema, so a changed tool gets a new version (and, later, a new embedding).
create table tools (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    sdk_connection_id varchar(64) not null,
    name varchar(64) not null,
    description varchar(4000) not null,
    input_schema text not null,
    timeout_ms integer not null,
    tags text not null,
    idempotent boolean not null,
    version varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    last_registered_at timestamp with time zone not null,
    constraint tools_org_connection_name unique (org_id, sdk_connection_id, name)
);

-- An agent's tool config (allow/deny lists, smart selection, per-tool overrides), as JSON.
create table agent_tool_configs (
    agent_id varchar(40) primary key,
    org_id varchar(40) not null,
    config text not null,
    updated_by varchar(64) not null,
    updated_at timestamp with time zone not null
);

-- The agents of each org, mirrored from stoa.agents.v1 (agent-service owns them): a path naming an agent that is
-- not here, or not of the caller's org, answers 404.
create table known_agents (
    agent_id varchar(40) primary key,
    org_id varchar(40) not null,
    deleted boolean not null,
    updated_at timestamp with time zone not null
);

create index tools_org on tools (org_id, name);
create index agent_tool_configs_org on agent_tool_configs (org_id);
create index known_agents_org on known_agents (org_id);

--changeset stoa:tools-001-security splitStatements:false
-- [jooq ignore start]
-- Row-level security: the service runs as ${app_role}, which owns none of these tables; TenantTransactions sets
-- stoa.org_id per transaction, so a query that forgets its org filter still sees one org. FORCE binds the owner too.
alter table tools enable row level security;
alter table tools force row level security;
create policy tenant_isolation on tools
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table agent_tool_configs enable row level security;
alter table agent_tool_configs force row level security;
create policy tenant_isolation on agent_tool_configs
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table known_agents enable row level security;
alter table known_agents force row level security;
create policy tenant_isolation on known_agents
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on tools, agent_tool_configs, known_agents to ${app_role};
-- [jooq ignore stop]
