--liquibase formatted sql

--changeset stoa:monitoring-004-dead-letters
-- Events a consumer could not process after its retries, when their Kafka key names an org: the org's admins list
-- and replay them. (Unattributable records only go to <topic>.dlt, the metric and the log.) The record's value and
-- headers are kept as they came, so a replay republishes exactly what failed.
create table dead_letters (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    topic varchar(200) not null,
    kafka_partition integer not null,
    kafka_offset bigint not null,
    event_id varchar(200),
    event_type varchar(200),
    error varchar(1000) not null,
    record_value bytea,
    record_headers jsonb not null,
    dead_lettered_at timestamp with time zone not null,
    replay_count integer not null default 0,
    last_replayed_at timestamp with time zone,
    constraint dead_letters_record unique (topic, kafka_partition, kafka_offset)
);

create index dead_letters_org on dead_letters (org_id, dead_lettered_at desc, id desc);

--changeset stoa:monitoring-004-dead-letters-security splitStatements:false
-- [jooq ignore start]
alter table dead_letters enable row level security;
alter table dead_letters force row level security;
create policy tenant_isolation on dead_letters
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update on dead_letters to ${app_role};
-- [jooq ignore stop]
