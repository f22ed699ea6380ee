--liquibase formatted sql

--changeset stoa:monitoring-006-forgotten-conversations
-- Conversations deleted in chat (ConversationDeleted on stoa.conversations.v1): their tool calls are deleted, and a
-- tool call or safety finding of one that arrives later (the pipeline's lag) is not kept. Kept as long as an event
-- can still arrive (the retention job purges older ones).
create table forgotten_conversations (
    org_id varchar(40) not null,
    conversation_id varchar(128) not null,
    forgotten_at timestamp with time zone not null,
    primary key (org_id, conversation_id)
);

create index forgotten_conversations_at on forgotten_conversations (forgotten_at);
create index safety_alerts_org_conversation on safety_alerts (org_id, conversation_id);
create index tool_calls_ended on tool_calls (ended_at);
create index safety_alerts_occurred on safety_alerts (occurred_at);
create index webhook_deliveries_created on webhook_deliveries (created_at);
create index dead_letters_at on dead_letters (dead_lettered_at);

--changeset stoa:monitoring-006-security splitStatements:false
-- [jooq ignore start]
alter table forgotten_conversations enable row level security;
alter table forgotten_conversations force row level security;
create policy tenant_isolation on forgotten_conversations
    using (org_id = current_setting('stoa.org_id', true))
    with check (org_id = current_setting('stoa.org_id', true));
grant select, insert on forgotten_conversations to ${app_role};
-- A deleted conversation's tool calls go; its safety alerts stay (counts, detector, action, surface) without the
-- preview, which may quote the conversation (a prompt-injection phrase).
grant delete on tool_calls to ${app_role};
grant update (preview) on safety_alerts to ${app_role};

-- The retention job deletes expired rows of every org. Only the owner role (which runs this changelog and owns the
-- function below) gets these policies (a delete reads the rows it deletes, so they cover reading too); the app role
-- still sees one org at a time.
create policy retention on tool_calls for all to current_user using (true) with check (true);
create policy retention on safety_alerts for all to current_user using (true) with check (true);
create policy retention on dead_letters for all to current_user using (true) with check (true);
create policy retention on forgotten_conversations for all to current_user using (true) with check (true);

-- Deletes at most p_limit expired rows of one kind, oldest first, and answers how many it deleted (the job calls it
-- again while a batch comes back full, so no statement holds locks for long). Webhook deliveries go only once
-- finished (not pending); the cost ledger, budget alerts and the audit log are never purged here.
create function monitoring_purge(p_kind text, p_before timestamp with time zone, p_limit integer)
    returns integer
    language plpgsql volatile security definer set search_path = public
    as $$
declare
    purged integer;
begin
    if p_kind = 'tool_calls' then
        delete from tool_calls where id in (
            select id from tool_calls where ended_at < p_before order by ended_at limit p_limit);
    elsif p_kind = 'safety_alerts' then
        delete from safety_alerts where id in (
            select id from safety_alerts where occurred_at < p_before order by occurred_at limit p_limit);
    elsif p_kind = 'webhook_deliveries' then
        delete from webhook_deliveries where id in (
            select id from webhook_deliveries where created_at < p_before and status <> 'pending'
            order by created_at limit p_limit);
    elsif p_kind = 'dead_letters' then
        delete from dead_letters where id in (
            select id from dead_letters where dead_lettered_at < p_before order by dead_lettered_at limit p_limit);
    elsif p_kind = 'forgotten_conversations' then
        delete from forgotten_conversations where (org_id, conversation_id) in (
            select org_id, conversation_id from forgotten_conversations where forgotten_at < p_before
            order by forgotten_at limit p_limit);
    else
        raise exception 'unknown retention kind %', p_kind using errcode = 'invalid_parameter_value';
    end if;
    get diagnostics purged = row_count;
    return purged;
end $$;

revoke all on function monitoring_purge(text, timestamp with time zone, integer) from public;
grant execute on function monitoring_purge(text, timestamp with time zone, integer) to ${app_role};
-- [jooq ignore stop]
