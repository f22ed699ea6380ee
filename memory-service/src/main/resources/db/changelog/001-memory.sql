--liquibase formatted sql

--changeset stoa:memory-001-tables
-- Memory settings of one agent. No row: the defaults (on, one memory per end user; see the README).
create table memory_configs (
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    enabled boolean not null,
    -- user | agent | cluster
    scope varchar(16) not null,
    -- the agent cluster whose agents share a user's memory (scope = cluster)
    cluster varchar(64),
    -- the extraction model: a tier, or a provider + model; all null = the agent's own model chain
    extraction_tier_id varchar(40),
    extraction_provider_id varchar(40),
    extraction_model varchar(200),
    retention_days integer,
    max_facts_per_scope integer not null,
    ignored_categories text[] not null,
    recall_top_k integer not null,
    updated_at timestamp with time zone not null,
    version bigint not null,
    primary key (org_id, agent_id)
);

-- Every change to a fact (insert, supersede, rating) takes a new value, so an index replica catches up by it; deleted
-- facts leave a tombstone with one.
create sequence fact_change_seq;

-- One fact (subject, predicate, object) in one scope. valid_to null: currently valid; a superseded fact keeps its
-- row (the history) with valid_to and superseded_by set. The embedding is 384 float4 values, big-endian (the text's).
create table facts (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(128) not null,
    scope_key varchar(400) not null,
    user_id varchar(200),
    subject varchar(200) not null,
    predicate varchar(200) not null,
    object varchar(500) not null,
    text varchar(1000) not null,
    category varchar(40) not null,
    confidence double precision not null,
    embedding bytea not null,
    valid_from timestamp with time zone not null,
    valid_to timestamp with time zone,
    superseded_by varchar(40),
    rating integer,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    change_seq bigint not null
);

create index facts_org_agent_user on facts (org_id, agent_id, user_id, created_at desc, id desc);
create index facts_org_scope on facts (org_id, scope_key, valid_to);
create index facts_change_seq on facts (change_seq);

-- Facts deleted (cleared, their last source gone, retention): index replicas drop them as they catch up.
create table fact_tombstones (
    org_id varchar(40) not null,
    fact_id varchar(40) not null,
    change_seq bigint not null,
    deleted_at timestamp with time zone not null
);

create index fact_tombstones_change_seq on fact_tombstones (change_seq);

-- Which turns support a fact: a restatement adds a source to the fact it merges into.
create table fact_sources (
    org_id varchar(40) not null,
    fact_id varchar(40) not null references facts (id) on delete cascade,
    conversation_id varchar(128) not null,
    turn_id varchar(128) not null,
    created_at timestamp with time zone not null,
    primary key (fact_id, turn_id)
);

create index fact_sources_org_conversation on fact_sources (org_id, conversation_id);

-- One row per turn whose extraction finished (dedupe of redelivered turn events, in the facts' transaction):
-- outcome extracted, skipped or dead_lettered (with the reason).
create table processed_turns (
    org_id varchar(40) not null,
    turn_id varchar(128) not null,
    agent_id varchar(128) not null,
    outcome varchar(16) not null,
    reason varchar(300),
    facts_written integer not null,
    processed_at timestamp with time zone not null,
    primary key (org_id, turn_id)
);

create index processed_turns_org_agent on processed_turns (org_id, agent_id, processed_at desc);

--changeset stoa:memory-001-security splitStatements:false
-- [jooq ignore start]
alter table facts alter column change_seq set default nextval('fact_change_seq');
alter table fact_tombstones alter column change_seq set default nextval('fact_change_seq');

alter table memory_configs enable row level security;
alter table facts enable row level security;
alter table fact_tombstones enable row level security;
alter table fact_sources enable row level security;
alter table processed_turns enable row level security;
create policy tenant_isolation on memory_configs
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
create policy tenant_isolation on facts
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
create policy tenant_isolation on fact_tombstones
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
create policy tenant_isolation on fact_sources
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
create policy tenant_isolation on processed_turns
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update on memory_configs to ${app_role};
grant select, insert, update, delete on facts to ${app_role};
grant select, insert on fact_tombstones to ${app_role};
grant select, insert, delete on fact_sources to ${app_role};
grant select, insert on processed_turns to ${app_role};
grant usage, select on sequence fact_change_seq to ${app_role};

-- The index of each replica holds every org's current facts, so it reads changes across orgs. Only the owner role
-- (which runs this changelog and owns the functions below) gets these policies; the app role still sees one org at a
-- time.
create policy indexer on facts for all to current_user using (true) with check (true);
create policy indexer on fact_tombstones for all to current_user using (true) with check (true);
create policy indexer on fact_sources for all to current_user using (true) with check (true);
create policy indexer on memory_configs for all to current_user using (true) with check (true);

-- Changes after p_after in change order: current facts to (re)index, superseded and deleted ones (current = false)
-- to drop. The embedding only for current facts.
create function memory_changes(p_after bigint, p_limit integer)
    returns table (change_seq bigint, org_id text, id text, scope_key text, current boolean, embedding bytea)
    language sql stable security definer set search_path = public
    as $$
        select * from (
            select f.change_seq, f.org_id::text, f.id::text, f.scope_key::text, f.valid_to is null,
                   case when f.valid_to is null then f.embedding end
            from facts f where f.change_seq > p_after
            union all
            select t.change_seq, t.org_id::text, t.fact_id::text, ''::text, false, null::bytea
            from fact_tombstones t where t.change_seq > p_after
        ) c order by c.change_seq limit p_limit $$;

revoke all on function memory_changes(bigint, integer) from public;
grant execute on function memory_changes(bigint, integer) to ${app_role};

-- Retention: deletes at most p_limit current or superseded facts older than their agent's retention_days (agents
-- without one keep theirs), leaving tombstones; answers how many.
create function memory_purge_expired(p_now timestamp with time zone, p_limit integer)
    returns integer
    language plpgsql volatile security definer set search_path = public
    as $$
declare
    purged integer;
begin
    with expired as (
        select f.id, f.org_id from facts f
            join memory_configs c on c.org_id = f.org_id and c.agent_id = f.agent_id
        where c.retention_days is not null
            and f.created_at < p_now - make_interval(days => c.retention_days)
        limit p_limit),
    gone as (
        delete from facts f using expired e where f.id = e.id returning f.id, f.org_id)
    insert into fact_tombstones (org_id, fact_id, deleted_at) select g.org_id, g.id, p_now from gone g;
    get diagnostics purged = row_count;
    return purged;
end $$;

revoke all on function memory_purge_expired(timestamp with time zone, integer) from public;
grant execute on function memory_purge_expired(timestamp with time zone, integer) to ${app_role};
-- [jooq ignore stop]
