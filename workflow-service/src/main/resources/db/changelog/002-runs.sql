--liquibase formatted sql

--changeset stoa:workflow-002-runs
-- Runs and the state of each of their steps. Only this service's transitions change them, each in one transaction
-- with scheduling what becomes ready (db-scheduler's scheduled_tasks, same database).
create table workflow_runs (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    workflow_id varchar(40) not null,
    workflow_version integer not null,
    status varchar(16) not null,
    input text not null,
    output text,
    error text,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    finished_at timestamp with time zone
);

create index workflow_runs_org_workflow on workflow_runs (org_id, workflow_id, created_at desc, id desc);

-- pending → ready/scheduled → running → completed | failed | skipped | cancelled; waiting for human input or a timer.
create table workflow_steps (
    org_id varchar(40) not null,
    run_id varchar(40) not null references workflow_runs (id) on delete cascade,
    step_id varchar(64) not null,
    status varchar(16) not null,
    attempt integer not null,
    output text,
    error text,
    branch varchar(64),
    expires_at timestamp with time zone,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    primary key (run_id, step_id)
);

--changeset stoa:workflow-002-runs-security splitStatements:false
-- [jooq ignore start]
alter table workflow_runs enable row level security;
create policy tenant_isolation on workflow_runs
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table workflow_steps enable row level security;
create policy tenant_isolation on workflow_steps
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on workflow_runs to ${app_role};
grant select, insert, update, delete on workflow_steps to ${app_role};
-- [jooq ignore stop]
