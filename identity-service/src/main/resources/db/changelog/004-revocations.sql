--liquibase formatted sql

--changeset stoa:identity-004-revocations splitStatements:false
-- [jooq ignore start]
-- Every credential revoked whose tokens may still be alive (revoked_at + the longest life of a token carrying its sid
-- is still ahead), oldest first, after the (revoked_at, id) of the previous page: how a gateway or service rebuilds
-- its revocation list without depending on Kafka's retention (IdentityService.ListRevokedCredentials). It spans every
-- org, so it runs as the owner and is for service callers only; it returns no secret, only the hashes gateways
-- already know API keys and SDK secrets by.
create function identity_revoked_credentials(
        p_session_ttl interval, p_exchanged_ttl interval, p_after_at timestamp with time zone, p_after_id text,
        p_limit integer)
    returns table (org_id text, id text, kind text, secret_hash text, revoked_at timestamp with time zone,
                   forget_after timestamp with time zone)
    language sql stable security definer set search_path = public
    as $$ select * from (
              select s.org_id, s.id, 'session', '', s.revoked_at, s.revoked_at + p_session_ttl
                  from sessions s where s.revoked_at is not null and s.revoked_at + p_session_ttl > now()
              union all
              select k.org_id, k.id, 'api_key', k.secret_hash, k.revoked_at, k.revoked_at + p_exchanged_ttl
                  from api_keys k where k.revoked_at is not null and k.revoked_at + p_exchanged_ttl > now()
              union all
              select c.org_id, c.id, 'sdk_connection', c.secret_hash, c.revoked_at, c.revoked_at + p_exchanged_ttl
                  from sdk_connections c where c.revoked_at is not null and c.revoked_at + p_exchanged_ttl > now()
          ) r (org_id, id, kind, secret_hash, revoked_at, forget_after)
          where p_after_at is null or (r.revoked_at, r.id) > (p_after_at, p_after_id)
          order by r.revoked_at, r.id
          limit p_limit $$;

revoke all on function identity_revoked_credentials(interval, interval, timestamp with time zone, text, integer)
    from public;
grant execute on function identity_revoked_credentials(interval, interval, timestamp with time zone, text, integer)
    to ${app_role};

create index sessions_revoked on sessions (revoked_at) where revoked_at is not null;
create index api_keys_revoked on api_keys (revoked_at) where revoked_at is not null;
create index sdk_connections_revoked on sdk_connections (revoked_at) where revoked_at is not null;
-- [jooq ignore stop]
