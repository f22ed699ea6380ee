--liquibase formatted sql

--changeset stoa:chat-001-tables
-- A conversation: one agent, one end user (the caller, or the user_id an API key or SDK passed), pinned to the
-- agent version it started on. last_seq is the newest entry of its event log (the SSE id).
create table conversations (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    agent_id varchar(40) not null,
    agent_version integer not null,
    user_id varchar(200) not null,
    title varchar(200) not null,
    last_seq bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

-- A turn: the user's message and what came of it. idempotency_key is unique per org, so a retried POST attaches to
-- the turn it already started; first_seq is where its events begin in the conversation's log.
create table turns (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    conversation_id varchar(40) not null references conversations (id) on delete cascade,
    agent_id varchar(40) not null,
    agent_version integer not null,
    user_id varchar(200) not null,
    status varchar(16) not null,
    idempotency_key varchar(255),
    user_message text not null,
    assistant_message text,
    first_seq bigint not null,
    provider_id varchar(40),
    model varchar(200),
    fallback_taken boolean not null default false,
    input_tokens bigint not null default 0,
    output_tokens bigint not null default 0,
    cost_micros bigint not null default 0,
    tool_calls integer not null default 0,
    step_limit_reached boolean not null default false,
    error_code varchar(64),
    time_to_first_token_ms bigint,
    started_at timestamp with time zone not null,
    finished_at timestamp with time zone,
    constraint turns_org_idempotency_key unique (org_id, idempotency_key)
);

-- The messages a model sees again on the next turn: user and assistant text, assistant tool calls (JSON array of
-- {id,name,arguments}) and tool results (answering tool_call_id).
create table messages (
    id varchar(40) primary key,
    org_id varchar(40) not null,
    conversation_id varchar(40) not null references conversations (id) on delete cascade,
    turn_id varchar(40) not null references turns (id) on delete cascade,
    position integer not null,
    role varchar(16) not null,
    content text,
    tool_calls text,
    tool_call_id varchar(200),
    tool_name varchar(200),
    is_error boolean not null default false,
    created_at timestamp with time zone not null
);

-- Every event of every turn, in order: replayed to a client that reconnects (Last-Event-ID) without calling the model.
create table conversation_events (
    conversation_id varchar(40) not null references conversations (id) on delete cascade,
    seq bigint not null,
    org_id varchar(40) not null,
    turn_id varchar(40) not null,
    type varchar(40) not null,
    data text not null,
    created_at timestamp with time zone not null,
    primary key (conversation_id, seq)
);

create index conversations_agent on conversations (org_id, agent_id, created_at desc, id desc);
create index turns_conversation on turns (conversation_id, started_at);
create index turns_agent_month on turns (org_id, agent_id, started_at);
create index messages_conversation on messages (conversation_id, position);

--changeset stoa:chat-001-security splitStatements:false
-- [jooq ignore start]
-- Row-level security: the service runs as ${app_role}; TenantTransactions sets stoa.org_id per transaction, so a
-- query that forgets its org filter still sees one org. FORCE binds the owner too.
alter table conversations enable row level security;
alter table conversations force row level security;
create policy tenant_isolation on conversations
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table turns enable row level security;
alter table turns force row level security;
create policy tenant_isolation on turns
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table messages enable row level security;
alter table messages force row level security;
create policy tenant_isolation on messages
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

alter table conversation_events enable row level security;
alter table conversation_events force row level security;
create policy tenant_isolation on conversation_events
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));

grant select, insert, update, delete on conversations, turns, messages, conversation_events to ${app_role};
-- [jooq ignore stop]
