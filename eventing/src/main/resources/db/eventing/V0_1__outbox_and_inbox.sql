-- Shared by every service (eventing module): the transactional outbox and the idempotent inbox.

create table outbox_event (
    seq          bigint generated always as identity primary key,
    event_id     uuid         not null unique,
    topic        varchar(200) not null,
    event_key    varchar(200) not null,
    event_type   varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz,
    attempts     integer      not null default 0,
    last_error   text
);
-- the relay only ever scans rows still waiting
create index outbox_event_pending on outbox_event (seq) where published_at is null;

create table inbox_event (
    event_id     varchar(200) not null primary key,
    event_type   varchar(200) not null,
    source       varchar(200),
    processed_at timestamptz  not null
);
