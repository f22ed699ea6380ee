--liquibase formatted sql

--changeset stoa:agent-001-tables
-- BYOK providers: the API key is sealed with the secret box (associated data "<org_id>|<provider id>").
create table providers (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(100) not null,
    kind varchar(32) not null,
    base_url varchar(2048),
    api_key_sealed text,
    api_key_last4 varchar(8),
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint providers_org_name unique (org_id, name)
);

-- Org-defined model aliases ("fast", "smart") with an ordered fallback chain of provider + model.
create table tiers (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(64) not null,
    description varchar(2000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint tiers_org_name unique (org_id, name)
);

create table tier_targets (
    tier_id varchar(40) not null references tiers (id) on delete cascade,
    ordinal integer not null,
    org_id varchar(40) not null,
    provider_id varchar(40) not null references providers (id),
    model varchar(200) not null,
    primary key (tier_id, ordinal)
);

-- An agent's lifecycle row; its configuration lives in agent_versions (the row of agents.version is current).
-- model_provider_id / model_tier_id mirror the current version's model of live agents, so "is this provider or
-- tier in use" is an indexed query.
create table agents (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    status varchar(16) not null,
    version integer not null,
    canary_version integer,
    canary_percent integer,
    model_provider_id varchar(40),
    model_tier_id varchar(40),
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    deleted_at timestamp with time zone
);

-- Immutable snapshots: the app role may insert and read them, never change or delete them.
create table agent_versions (
    agent_id varchar(40) not null references agents (id),
    version integer not null,
    org_id varchar(40) not null,
    config text not null,
    change_kind varchar(40) not null,
    source_version integer,
    prompt_changed boolean not null,
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    primary key (agent_id, version)
);

-- Org-defined catalog entries, merged with the built-in catalog (an entry overrides a built-in of the same
-- provider kind and model).
create table catalog_models (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    provider_kind varchar(32) not null,
    model varchar(200) not null,
    display_name varchar(200),
    context_window integer not null,
    input_price_micros bigint not null,
    output_price_micros bigint not null,
    supports_tools boolean not null,
    supports_streaming boolean not null,
    created_by varchar(64) not null,
    created_at timestamp with time zone not null,
    constraint catalog_models_org_model unique (org_id, provider_kind, model)
);

-- Requests and tokens per agent and minute window, written by the chat path (later, over gRPC).
create table agent_usage (
    agent_id varchar(40) not null,
    window_start timestamp with time zone not null,
    org_id varchar(40) not null,
    requests bigint not null,
    tokens bigint not null,
    primary key (agent_id, window_start)
);

create index providers_org on providers (org_id, id);
create index tiers_org on tiers (org_id, id);
create index tier_targets_provider on tier_targets (provider_id);
create index agents_org on agents (org_id, id);
create index agents_model_provider on agents (model_provider_id);
create index agents_model_tier on agents (model_tier_id);
create index catalog_models_org on catalog_models (org_id, id);

--changeset stoa:agent-001-security splitStatements:false
-- [jooq ignore start]
-- Row-level security: the service runs as ${app_role}, which owns none of these tables; TenantTransactions sets
-- stoa.org_id per transaction, so a query that forgets its org filter still sees one org. FORCE binds the owner too.
alter table providers enable row level security;
alter table providers force row level security;
create policy tenant_isolation on providers
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table tiers enable row level security;
alter table tiers force row level security;
create policy tenant_isolation on tiers
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table tier_targets enable row level security;
alter table tier_targets force row level security;
create policy tenant_isolation on tier_targets
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table agents enable row level security;
alter table agents force row level security;
create policy tenant_isolation on agents
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table agent_versions enable row level security;
alter table agent_versions force row level security;
create policy tenant_isolation on agent_versions
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table catalog_models enable row level security;
alter table catalog_models force row level security;
create policy tenant_isolation on catalog_models
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table agent_usage enable row level security;
alter table agent_usage force row level security;
create policy tenant_isolation on agent_usage
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on providers, tiers, tier_targets, agents, catalog_models, agent_usage
    to ${app_role};
grant select, insert on agent_versions to ${app_role};
-- [jooq ignore stop]
