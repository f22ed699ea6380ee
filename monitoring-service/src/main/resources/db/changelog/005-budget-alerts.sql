--liquibase formatted sql

--changeset stoa:monitoring-005-budget-alerts
-- An agent's spend in a UTC month crossed a share of its monthly budget (80 % or 100 %), once per threshold and
-- month: raised while costing the turn that crossed it.
create table budget_alerts (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    month date not null,
    threshold_percent integer not null,
    budget_micros bigint not null,
    spent_micros bigint not null,
    raised_at timestamp with time zone not null,
    constraint budget_alerts_once unique (org_id, agent_id, month, threshold_percent)
);

create index budget_alerts_org on budget_alerts (org_id, raised_at desc, id desc);

--changeset stoa:monitoring-005-budget-alerts-security splitStatements:false
-- [jooq ignore start]
alter table budget_alerts enable row level security;
alter table budget_alerts force row level security;
create policy tenant_isolation on budget_alerts
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert on budget_alerts to ${app_role};
-- [jooq ignore stop]
