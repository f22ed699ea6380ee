--liquibase formatted sql

--changeset stoa:tools-002-health
-- Every change of a tool's health status (healthy / degraded / down) and why; the current status is the newest row.
create table tool_health_events (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    tool_id varchar(40) not null,
    status varchar(16) not null,
    reason varchar(500) not null,
    at timestamp with time zone not null
);

create index tool_health_events_tool on tool_health_events (org_id, tool_id, id);

--changeset stoa:tools-002-health-security splitStatements:false
-- [jooq ignore start]
alter table tool_health_events enable row level security;
alter table tool_health_events force row level security;
create policy tenant_isolation on tool_health_events
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert on tool_health_events to ${app_role};
-- [jooq ignore stop]
