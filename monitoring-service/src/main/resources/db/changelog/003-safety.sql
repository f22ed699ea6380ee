--liquibase formatted sql

--changeset stoa:monitoring-003-safety
-- The safety policy of an org (agent_id '') and the overrides of its agents. detectors: {"<detector id>":
-- {"enabled": bool, "action": "flag"|"redact"|"block"}} with every known detector; surfaces: a JSON array.
create table safety_configs (
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    detectors jsonb not null,
    surfaces jsonb not null,
    updated_by varchar(128) not null,
    updated_at timestamp with time zone not null,
    primary key (org_id, agent_id)
);

-- One row per SafetyFinding event (stoa.safety.v1). The preview is the source's, masked: never the match itself.
create table safety_alerts (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    conversation_id varchar(128) not null,
    turn_id varchar(128) not null,
    surface varchar(16) not null,
    detector varchar(32) not null,
    action varchar(8) not null,
    preview varchar(64) not null,
    occurred_at timestamp with time zone not null
);

-- Newest first per org, the list's order and its cursor (occurred_at, id).
create index safety_alerts_org_occurred on safety_alerts (org_id, occurred_at desc, id desc);
create index safety_alerts_org_agent on safety_alerts (org_id, agent_id, occurred_at desc);
create index safety_alerts_org_detector on safety_alerts (org_id, detector, occurred_at desc);

--changeset stoa:monitoring-003-safety-security splitStatements:false
-- [jooq ignore start]
alter table safety_configs enable row level security;
alter table safety_configs force row level security;
create policy tenant_isolation on safety_configs
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table safety_alerts enable row level security;
alter table safety_alerts force row level security;
create policy tenant_isolation on safety_alerts
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update on safety_configs to ${app_role};
grant select, insert on safety_alerts to ${app_role};
-- [jooq ignore stop]
