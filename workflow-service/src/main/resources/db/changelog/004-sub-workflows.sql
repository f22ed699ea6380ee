--liquibase formatted sql

--changeset stoa:workflow-004-sub-workflows
-- A sub_workflow step's child run names the parent run, step and attempt that started it: a revived attempt finds
-- its child instead of starting another, and the child's end resumes the parent step.
alter table workflow_runs add column parent_run_id varchar(40);
alter table workflow_runs add column parent_step_id varchar(64);
alter table workflow_runs add column parent_attempt integer;
create unique index workflow_runs_parent on workflow_runs (parent_run_id, parent_step_id, parent_attempt);
