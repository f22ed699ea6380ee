--liquibase formatted sql

-- Idempotency-Key support of stoa-web. Each service that enables it includes this file in its master changelog
-- (classpath:db/changelog/stoa/idempotency.sql) and sets the changelog parameter app_role.
-- Rows are scoped by org and principal in the primary key; not an RLS table because the filter runs before any
-- tenant transaction and never lists rows.

--changeset stoa:stoa-idempotency-1
CREATE TABLE stoa_idempotency_keys (
    org_id          TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('in_flight', 'completed')),
    status          INTEGER,
    content_type    TEXT,
    location        TEXT,
    body            BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, subject, idempotency_key)
);
CREATE INDEX stoa_idempotency_keys_expires_at_idx ON stoa_idempotency_keys (expires_at);
--rollback DROP TABLE stoa_idempotency_keys;

--changeset stoa:stoa-idempotency-2
GRANT SELECT, INSERT, UPDATE, DELETE ON stoa_idempotency_keys TO ${app_role};
--rollback REVOKE ALL ON stoa_idempotency_keys FROM ${app_role};

--changeset stoa:stoa-idempotency-3
-- Responses are kept sealed by the secret box (they may reveal an API key, an SDK secret or a token once); the
-- plaintext bodies kept before this change are dropped, which only means their retries run again.
ALTER TABLE stoa_idempotency_keys ADD COLUMN body_sealed TEXT;
DELETE FROM stoa_idempotency_keys WHERE body IS NOT NULL;
--rollback ALTER TABLE stoa_idempotency_keys DROP COLUMN body_sealed;
