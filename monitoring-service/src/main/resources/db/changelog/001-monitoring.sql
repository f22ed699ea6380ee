--liquibase formatted sql

--changeset stoa:monitoring-001-tables
-- One row per tool call that ended (stoa.toolcalls.v1). The preview is the source's, already redacted.
create table tool_calls (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    conversation_id varchar(128) not null,
    turn_id varchar(128) not null,
    call_id varchar(128) not null,
    tool_id varchar(128) not null,
    tool_name varchar(128) not null,
    source varchar(16) not null,
    status varchar(16) not null,
    error_code varchar(128) not null,
    latency_ms bigint not null,
    argument_bytes integer not null,
    arguments_preview varchar(300) not null,
    started_at timestamp with time zone not null,
    ended_at timestamp with time zone not null
);

-- Newest first per org, the list's order and its cursor (ended_at, id).
create index tool_calls_org_ended on tool_calls (org_id, ended_at desc, id desc);
create index tool_calls_org_agent on tool_calls (org_id, agent_id, ended_at desc);
create index tool_calls_org_tool on tool_calls (org_id, tool_name, ended_at desc);
create index tool_calls_org_conversation on tool_calls (org_id, conversation_id);

-- Spend per org, agent, provider, model and UTC day, summed from stoa.turns.v1 (one upsert per turn).
create table cost_ledger (
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    provider_id varchar(128) not null,
    model varchar(128) not null,
    day date not null,
    turns bigint not null,
    failed_turns bigint not null,
    input_tokens bigint not null,
    output_tokens bigint not null,
    cost_micros bigint not null,
    updated_at timestamp with time zone not null,
    primary key (org_id, agent_id, provider_id, model, day)
);

create index cost_ledger_org_day on cost_ledger (org_id, day);

-- Who did what to which resource, when and from where (stoa.audit.v1 of every service). Append-only.
create table audit_log (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    actor_id varchar(128) not null,
    actor_type varchar(16) not null,
    action varchar(128) not null,
    target_type varchar(64) not null,
    target_id varchar(128) not null,
    occurred_at timestamp with time zone not null,
    request_id varchar(128) not null,
    ip varchar(64) not null,
    attributes jsonb not null,
    source varchar(256) not null
);

create index audit_log_org_occurred on audit_log (org_id, occurred_at desc, id desc);

--changeset stoa:monitoring-001-security splitStatements:false
-- [jooq ignore start]
alter table tool_calls enable row level security;
alter table tool_calls force row level security;
create policy tenant_isolation on tool_calls
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table cost_ledger enable row level security;
alter table cost_ledger force row level security;
create policy tenant_isolation on cost_ledger
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy tenant_isolation on audit_log
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert on tool_calls to ${app_role};
grant select, insert, update on cost_ledger to ${app_role};
-- The audit log is append-only: the app role may not change or remove an entry, and the trigger refuses it even to
-- the table's owner (only dropping the trigger, a migration, could).
grant select, insert on audit_log to ${app_role};

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only
    before update or delete on audit_log
    for each statement execute function audit_log_append_only();
create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_append_only();
-- [jooq ignore stop]
