--liquibase formatted sql

--changeset stoa:tools-004-groups
-- Named sets of tool names an agent's config can name (groups), to give many agents the same tools at once. Tool names
-- are kept as written: a name no backend registers yet is allowed (the backend may connect later).
create table tool_groups (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(64) not null,
    description varchar(1000) not null,
    tools text not null,
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint tool_groups_org_name unique (org_id, name)
);

create index tool_groups_org on tool_groups (org_id, id);

--changeset stoa:tools-004-groups-security splitStatements:false
-- [jooq ignore start]
alter table tool_groups enable row level security;
alter table tool_groups force row level security;
create policy tenant_isolation on tool_groups
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on tool_groups to ${app_role};
-- [jooq ignore stop]
