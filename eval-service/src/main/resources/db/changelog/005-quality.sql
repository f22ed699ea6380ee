--liquibase formatted sql

--changeset stoa:eval-005-quality
-- Quality checks: per agent, live turns sampled at a rate and judged against the agent's quality rubric.
create table eval_quality_configs (
    org_id varchar(40) not null,
    agent_id varchar(40) not null,
    enabled boolean not null,
    sample_rate double precision not null,
    rubric text not null,
    judge_model text not null,
    pass_threshold double precision not null,
    updated_by varchar(100) not null,
    updated_at timestamp with time zone not null,
    primary key (org_id, agent_id)
);

-- A copy of the completed turns of agents with quality checks enabled, so a check can run later over a time window.
-- User content: kept stoa.eval.quality.retention (then purged), deleted with its conversation, never logged.
create table eval_quality_turns (
    org_id varchar(40) not null,
    turn_id varchar(64) primary key,
    agent_id varchar(40) not null,
    agent_version integer not null,
    conversation_id varchar(64) not null,
    user_message text not null,
    assistant_message text not null,
    finished_at timestamp with time zone not null
);

create index eval_quality_turns_window on eval_quality_turns (org_id, agent_id, finished_at);
create index eval_quality_turns_conversation on eval_quality_turns (org_id, conversation_id);

-- One judged turn: at most one check per turn.
create table eval_quality_checks (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(40) not null,
    agent_version integer not null,
    turn_id varchar(64) not null,
    conversation_id varchar(64) not null,
    score double precision not null,
    passed boolean not null,
    reasoning text not null,
    source varchar(16) not null,
    judged_at timestamp with time zone not null
);

create unique index eval_quality_checks_turn on eval_quality_checks (org_id, turn_id);
create index eval_quality_checks_org_judged on eval_quality_checks (org_id, judged_at desc, id desc);
create index eval_quality_checks_agent on eval_quality_checks (org_id, agent_id, judged_at);

--changeset stoa:eval-005-quality-security splitStatements:false
-- [jooq ignore start]
alter table eval_quality_configs enable row level security;
create policy tenant_isolation on eval_quality_configs
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table eval_quality_turns enable row level security;
create policy tenant_isolation on eval_quality_turns
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table eval_quality_checks enable row level security;
create policy tenant_isolation on eval_quality_checks
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on eval_quality_configs to ${app_role};
grant select, insert, update, delete on eval_quality_turns to ${app_role};
grant select, insert, update, delete on eval_quality_checks to ${app_role};

-- Retention: the purge removes old turn copies of every org; only through this function (the app role sees one org).
create policy eval_quality_purge on eval_quality_turns for all to current_user using (true) with check (true);
create function eval_quality_turns_purge(p_before timestamp with time zone)
    returns integer
    language sql volatile security definer set search_path = public
    as $$
        with gone as (delete from eval_quality_turns where finished_at < p_before returning 1)
        select count(*)::integer from gone $$;
revoke all on function eval_quality_turns_purge(timestamp with time zone) from public;
grant execute on function eval_quality_turns_purge(timestamp with time zone) to ${app_role};
-- [jooq ignore stop]
