--liquibase formatted sql

--changeset stoa:identity-003-accounts
-- Email ownership: an account is unverified until a token mailed to its address comes back. Accounts made before
-- this change stay unverified (an invite token used to be handed to the inviter, so none of them proved anything).
alter table users add column email_verified_at timestamp with time zone;

-- One-time tokens mailed to a user (email verification, password reset): only their SHA-256 is kept, with the
-- address they were sent to, so a token for an old address never verifies a new one.
create table account_tokens (
    id varchar(40) primary key,
    user_id varchar(40) not null references users (id),
    purpose varchar(32) not null,
    token_hash varchar(64) not null unique,
    email varchar(254) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index account_tokens_user on account_tokens (user_id, purpose, created_at);

-- Invites by consent: who invited (shown to the invitee), and pending memberships become active only when accepted.
alter table memberships add column invited_by varchar(40) references users (id);

-- Login throttling per email and client address, with exponential back-off (replaces the lock per email).
drop table login_failures;
create table login_throttle (
    throttle_key varchar(80) primary key,
    failures integer not null,
    last_failure_at timestamp with time zone not null
);

-- A key minted by a key: revoking the parent revokes it.
alter table api_keys add column parent_key_id varchar(40) references api_keys (id);
create index api_keys_parent on api_keys (parent_key_id);

--changeset stoa:identity-003-security splitStatements:false
-- [jooq ignore start]
grant select, insert, update, delete on account_tokens, login_throttle to ${app_role};

-- The pending invites of a user in every org (the invitee has no session in those orgs yet).
create function identity_invites_of_user(p_user_id text)
    returns table (id text, org_id text, org_name text, role text, invited_by_email text, created_at timestamp with time zone,
                   expires_at timestamp with time zone)
    language sql stable security definer set search_path = public
    as $$ select m.id, m.org_id, o.name, m.role, u.email, m.created_at, m.invite_expires_at
          from memberships m join orgs o on o.id = m.org_id left join users u on u.id = m.invited_by
          where m.user_id = p_user_id and m.status = 'invited' order by m.created_at, m.id $$;

-- The org of a membership (an invite the invitee answers from a session in another org).
create function identity_org_of_membership(p_id text) returns text
    language sql stable security definer set search_path = public
    as $$ select org_id from memberships where id = p_id $$;

revoke all on function identity_invites_of_user(text) from public;
revoke all on function identity_org_of_membership(text) from public;
grant execute on function identity_invites_of_user(text) to ${app_role};
grant execute on function identity_org_of_membership(text) to ${app_role};
-- [jooq ignore stop]
