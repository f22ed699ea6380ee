--liquibase formatted sql

--changeset stoa:eval-004-ab-tests
-- A/B tests: variant A (the agent's current version at creation) against variant B (the candidate, routed through
-- agent-service's canary); live turns of either version are sampled and judged with the test's rubric.
create table eval_ab_tests (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(40) not null,
    name varchar(200) not null,
    version_a integer not null,
    version_b integer not null,
    percent integer not null,
    rubric text not null,
    judge_model text not null,
    sample_rate double precision not null,
    pass_threshold double precision not null,
    min_detectable_effect double precision not null,
    min_samples_per_variant integer,
    alpha double precision not null,
    status varchar(16) not null,
    promoted_variant varchar(1),
    promoted_version integer,
    created_by varchar(100) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    ended_at timestamp with time zone
);

create index eval_ab_tests_org_created on eval_ab_tests (org_id, created_at desc, id desc);
-- one running test per agent (the canary is one per agent)
create unique index eval_ab_tests_one_running on eval_ab_tests (org_id, agent_id) where status = 'running';

-- One judged live turn of a test; the turn id makes a redelivered event judge once.
create table eval_ab_judgements (
    org_id varchar(40) not null,
    test_id varchar(40) not null references eval_ab_tests (id) on delete cascade,
    turn_id varchar(64) not null,
    conversation_id varchar(64) not null,
    variant varchar(1) not null,
    agent_version integer not null,
    score double precision not null,
    passed boolean not null,
    reasoning text not null,
    judged_at timestamp with time zone not null,
    primary key (test_id, turn_id)
);

create index eval_ab_judgements_variant on eval_ab_judgements (test_id, variant);
-- a deleted conversation takes its judgements along (their reasoning may quote it)
create index eval_ab_judgements_conversation on eval_ab_judgements (org_id, conversation_id);

--changeset stoa:eval-004-ab-tests-security splitStatements:false
-- [jooq ignore start]
alter table eval_ab_tests enable row level security;
create policy tenant_isolation on eval_ab_tests
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table eval_ab_judgements enable row level security;
create policy tenant_isolation on eval_ab_judgements
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on eval_ab_tests to ${app_role};
grant select, insert, update, delete on eval_ab_judgements to ${app_role};
-- [jooq ignore stop]
