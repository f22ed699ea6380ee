--liquibase formatted sql

-- Shared by every service that publishes or consumes events; include it from the service's master changelog.
-- Not tenant tables (no RLS): the relay publishes every org's rows, and event ids are global.

--changeset stoa:stoa-events-1
create table stoa_outbox (
    id bigserial primary key,
    event_id text not null unique,
    topic text not null,
    kafka_key text,
    ce_type text not null,
    ce_source text not null,
    ce_subject text,
    ce_time timestamptz not null,
    data_content_type text not null,
    data bytea not null,
    published_at timestamptz,
    created_at timestamptz not null default now()
);
create index stoa_outbox_unpublished on stoa_outbox (id) where published_at is null;
create index stoa_outbox_published_at on stoa_outbox (published_at) where published_at is not null;

create table stoa_processed_events (
    consumer text not null,
    event_id text not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index stoa_processed_events_processed_at on stoa_processed_events (processed_at);

grant select, insert, update, delete on stoa_outbox to ${app_role};
grant usage, select on sequence stoa_outbox_id_seq to ${app_role};
grant select, insert, delete on stoa_processed_events to ${app_role};
