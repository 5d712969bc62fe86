-- The Idempotency-Key of each create, so that a retry of a create whose answer was lost does not
-- make a second key (ADR 0021). The answer itself is not kept: it held the secret, which is shown
-- once; a retry is told which key its first attempt made.
CREATE TABLE api_key_idempotency (
    created_by      varchar(255) NOT NULL,
    idempotency_key varchar(200) NOT NULL,
    request_hash    bytea        NOT NULL,
    key_id          uuid         NOT NULL REFERENCES api_key (id),
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (created_by, idempotency_key)
);

CREATE INDEX api_key_idempotency_age ON api_key_idempotency (created_at);
