--liquibase formatted sql

--changeset stoa:workflow-003-scheduled-tasks
-- db-scheduler's table (its PostgreSQL schema, version 16): one row per scheduled step attempt or timer. It holds no
-- tenant data beyond ids (task_data is "org|run|step|attempt|kind"); every step reads its run under the run's org.
-- Only db-scheduler reads it (not jOOQ).
-- [jooq ignore start]
create table scheduled_tasks (
    task_name text not null,
    task_instance text not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by text,
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
-- [jooq ignore stop]

--changeset stoa:workflow-003-scheduled-tasks-grants splitStatements:false
-- [jooq ignore start]
grant select, insert, update, delete on scheduled_tasks to ${app_role};
-- [jooq ignore stop]
