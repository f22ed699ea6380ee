--liquibase formatted sql

--changeset stoa:eval-003-judge-charges
-- Judge calls charged as spend: one row per deterministic judge turn id, so a judgement made again (a resumed run)
-- publishes its TurnFinished once.
create table eval_judge_charges (
    turn_id varchar(64) primary key,
    org_id varchar(40) not null,
    cost_micros bigint not null,
    created_at timestamp with time zone not null
);

--changeset stoa:eval-003-judge-charges-security splitStatements:false
-- [jooq ignore start]
alter table eval_judge_charges enable row level security;
create policy tenant_isolation on eval_judge_charges
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert on eval_judge_charges to ${app_role};
-- [jooq ignore stop]
