--liquibase formatted sql

--changeset stoa:workflow-001-workflows
-- Workflow definitions: the current name and description, and one immutable row per version of the DAG (a run pins
-- the version it started on). A deleted workflow keeps its versions (its runs still read them) and answers 404.
create table workflows (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(200) not null,
    description text,
    latest_version integer not null,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create index workflows_org_created on workflows (org_id, created_at desc, id desc);

create table workflow_versions (
    org_id varchar(40) not null,
    workflow_id varchar(40) not null references workflows (id) on delete cascade,
    version integer not null,
    definition text not null,
    created_at timestamp with time zone not null,
    primary key (workflow_id, version)
);

--changeset stoa:workflow-001-workflows-security splitStatements:false
-- [jooq ignore start]
alter table workflows enable row level security;
create policy tenant_isolation on workflows
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table workflow_versions enable row level security;
create policy tenant_isolation on workflow_versions
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on workflows to ${app_role};
grant select, insert, update, delete on workflow_versions to ${app_role};
-- [jooq ignore stop]
