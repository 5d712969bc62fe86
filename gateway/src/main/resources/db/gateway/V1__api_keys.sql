-- API keys for integrators. Only the SHA-256 of a secret is kept: the secret itself is shown once,
-- in the response that creates the key, and cannot be recovered from here.
CREATE TABLE api_key (
    id            uuid         PRIMARY KEY,
    name          varchar(100) NOT NULL,
    scope         varchar(16)  NOT NULL CHECK (scope IN ('READ_ONLY', 'READ_WRITE')),
    -- null: every project the owner may see; otherwise only these
    project_ids   text[],
    owner_id      varchar(255) NOT NULL,
    secret_hash   bytea        NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    -- the first characters of the secret, so an admin can tell keys apart
    secret_prefix varchar(16)  NOT NULL,
    created_at    timestamptz  NOT NULL,
    created_by    varchar(255) NOT NULL,
    revoked_at    timestamptz,
    revoked_by    varchar(255)
);

CREATE INDEX api_key_listing ON api_key (created_at DESC, id);
