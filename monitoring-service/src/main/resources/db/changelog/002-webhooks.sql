--liquibase formatted sql

--changeset stoa:monitoring-002-webhooks
-- An org's webhook endpoints. The signing secret is sealed (SecretBox, associated data org_id|id), never stored plain.
create table webhooks (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    url varchar(2048) not null,
    description varchar(500) not null,
    event_types varchar(400) not null,
    enabled boolean not null,
    disabled_reason varchar(200),
    secret_sealed varchar(200) not null,
    consecutive_failures integer not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create index webhooks_org_created on webhooks (org_id, created_at desc, id desc);

-- One row per (webhook, source event): the unique key makes a redelivered event enqueue nothing. The body is built
-- once, so every retry sends (and signs) the same bytes.
create table webhook_deliveries (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    webhook_id varchar(40) not null references webhooks (id) on delete cascade,
    event_id varchar(128) not null,
    event_type varchar(64) not null,
    body text not null,
    status varchar(16) not null,
    attempts integer not null,
    last_status_code integer,
    last_error varchar(300),
    next_attempt_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    unique (webhook_id, event_id)
);

create index webhook_deliveries_webhook_created on webhook_deliveries (webhook_id, created_at desc, id desc);

--changeset stoa:monitoring-002-webhooks-security splitStatements:false
-- [jooq ignore start]
-- The worker's queue: pending rows by due time.
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
alter table webhooks enable row level security;
alter table webhooks force row level security;
create policy tenant_isolation on webhooks
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy tenant_isolation on webhook_deliveries
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on webhooks to ${app_role};
grant select, insert, update on webhook_deliveries to ${app_role};

-- The delivery worker claims due rows of every org. Only the owner role (which runs this changelog and owns the
-- function below) gets this policy: the app role still sees one org at a time.
create policy webhook_worker on webhook_deliveries for all to current_user using (true) with check (true);

-- Claims up to p_limit due deliveries across orgs for p_lease (their next attempt moves past the lease, so another
-- replica skips them, and a replica that dies mid-delivery leaves them to be retried once the lease ends).
-- SKIP LOCKED lets several replicas claim at once without waiting on each other.
create function webhook_claim_due(p_limit integer, p_lease interval)
    returns table (org_id text, id text)
    language sql volatile security definer set search_path = public
    as $$
        update webhook_deliveries d set next_attempt_at = now() + p_lease
        where d.id in (
            select c.id from webhook_deliveries c
            where c.status = 'pending' and c.next_attempt_at <= now()
            order by c.next_attempt_at
            limit p_limit
            for update skip locked)
        returning d.org_id::text, d.id::text $$;

revoke all on function webhook_claim_due(integer, interval) from public;
grant execute on function webhook_claim_due(integer, interval) to ${app_role};
-- [jooq ignore stop]
