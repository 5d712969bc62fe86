-- Shared by every service (rest-conventions module): responses kept for Idempotency-Key replays.
create table idempotency_record (
    scope         varchar(300) not null,
    idem_key      varchar(200) not null,
    request_hash  varchar(64)  not null,
    status        integer      not null,
    location      varchar(1000),
    etag          varchar(200),
    body          text,
    created_at    timestamptz  not null,
    primary key (scope, idem_key)
);
