--liquibase formatted sql

--changeset stoa:eval-002-runs
-- Eval runs: an agent's version(s) over one dataset version. The run's state lives here, so a run in flight when the
-- service stops is taken up again at start (see eval_runs_claim).
create table eval_runs (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    dataset_id varchar(40) not null,
    dataset_version integer not null,
    agent_id varchar(40) not null,
    agent_versions varchar(40) not null,
    scorers text not null,
    judge_model text,
    concurrency integer not null,
    status varchar(16) not null,
    total integer not null,
    done integer not null,
    errors integer not null,
    attempt integer not null,
    lease_until timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create index eval_runs_org_created on eval_runs (org_id, created_at desc, id desc);

-- One row per (case, agent version) of a run: pending until executed, then done (scored) or error (the turn failed).
create table eval_results (
    org_id varchar(40) not null,
    run_id varchar(40) not null references eval_runs (id) on delete cascade,
    case_id varchar(40) not null,
    agent_version integer not null,
    position bigint not null,
    status varchar(16) not null,
    passed boolean,
    output text,
    turn_id varchar(64),
    cost_micros bigint,
    latency_ms bigint,
    scores text,
    error varchar(500),
    updated_at timestamp with time zone not null,
    primary key (run_id, position, case_id, agent_version)
);

--changeset stoa:eval-002-runs-security splitStatements:false
-- [jooq ignore start]
alter table eval_runs enable row level security;
create policy tenant_isolation on eval_runs
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table eval_results enable row level security;
create policy tenant_isolation on eval_results
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on eval_runs to ${app_role};
grant select, insert, update, delete on eval_results to ${app_role};

-- The run worker takes up queued and running runs of every org whose lease ran out (a replica that stopped leaves
-- its runs to another, or to itself after a restart). Only the owner role gets this policy: the app role still sees
-- one org at a time, and reaches across orgs only through this function.
create policy eval_run_worker on eval_runs for all to current_user using (true) with check (true);

create function eval_runs_claim(p_limit integer, p_lease interval)
    returns table (org_id text, id text)
    language sql volatile security definer set search_path = public
    as $$
        update eval_runs r set lease_until = now() + p_lease
        where r.id in (
            select c.id from eval_runs c
            where c.status in ('queued', 'running') and (c.lease_until is null or c.lease_until <= now())
            order by c.created_at
            limit p_limit
            for update skip locked)
        returning r.org_id::text, r.id::text $$;

revoke all on function eval_runs_claim(integer, interval) from public;
grant execute on function eval_runs_claim(integer, interval) to ${app_role};
-- [jooq ignore stop]
