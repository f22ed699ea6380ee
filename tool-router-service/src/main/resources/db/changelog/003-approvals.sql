--liquibase formatted sql

--changeset stoa:tools-003-approvals
-- Calls of tools that need a person's approval. A pending row outlives a restart of tool-router: the caller's retry of
-- the same call (same turn and call id) finds it and waits on, or goes ahead once it was approved.
create table tool_approvals (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(40) not null,
    tool_id varchar(40) not null,
    tool_name varchar(64) not null,
    call_id varchar(128) not null,
    turn_id varchar(128) not null,
    conversation_id varchar(128) not null,
    arguments_preview varchar(300) not null,
    status varchar(16) not null,
    requested_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    decided_by varchar(64),
    decided_at timestamp with time zone,
    reason varchar(500),
    constraint tool_approvals_call unique (org_id, turn_id, call_id)
);

create index tool_approvals_org on tool_approvals (org_id, id);

--changeset stoa:tools-003-approvals-security splitStatements:false
-- [jooq ignore start]
alter table tool_approvals enable row level security;
alter table tool_approvals force row level security;
create policy tenant_isolation on tool_approvals
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update on tool_approvals to ${app_role};
-- [jooq ignore stop]
