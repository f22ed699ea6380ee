--liquibase formatted sql

--changeset stoa:eval-001-datasets
-- An org's eval datasets. `version` is the latest version of the case list: every change to the cases (create,
-- update, delete, import) makes version + 1; versions are immutable (see eval_cases).
create table eval_datasets (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    name varchar(200) not null,
    description varchar(2000) not null,
    version integer not null,
    case_count integer not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create index eval_datasets_org_created on eval_datasets (org_id, created_at desc, id desc);

-- Case rows are never changed, only closed: a row belongs to versions added_version <= v < removed_version (null:
-- still current). Updating a case closes its row and adds a new one with the same case_id, so any past version's
-- cases can be read back exactly as a run saw them. JSON values are stored as text (validated on the way in).
create table eval_cases (
    org_id varchar(40) not null,
    dataset_id varchar(40) not null references eval_datasets (id) on delete cascade,
    case_id varchar(40) not null,
    added_version integer not null,
    removed_version integer,
    position bigint not null,
    input text,
    input_json text,
    context text,
    expected text,
    scorers text not null,
    created_at timestamp with time zone not null,
    primary key (dataset_id, case_id, added_version)
);

create index eval_cases_dataset_position on eval_cases (dataset_id, position, case_id);

--changeset stoa:eval-001-datasets-security splitStatements:false
-- [jooq ignore start]
alter table eval_datasets enable row level security;
create policy tenant_isolation on eval_datasets
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
alter table eval_cases enable row level security;
create policy tenant_isolation on eval_cases
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert, update, delete on eval_datasets to ${app_role};
grant select, insert, update, delete on eval_cases to ${app_role};
-- [jooq ignore stop]
