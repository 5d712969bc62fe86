-- Subscriptions: who wants which events of which project, through which channel (ADR 0026).
create table subscription (
    id                  uuid          primary key,
    name                varchar(200)  not null,
    -- null: every project (only ADMIN and PMO may subscribe so)
    project_id          uuid          references project_ref (project_id),
    owner_id            varchar(200)  not null,
    -- the owner's platform role when subscribing (ADMIN, PMO or null); with it, no membership is
    -- needed to receive a project's events
    owner_platform_role varchar(20),
    api_key_id          uuid,
    channel             varchar(20)   not null,
    url                 varchar(2000),
    email               varchar(320),
    -- the webhook signing secret (whsec_...), shown once, on creation and on rotation
    secret              varchar(100),
    -- exact types (tollgate.risk.assessed.v1) or families (tollgate.risk.*); empty: every type
    event_types         varchar(200)[] not null,
    min_severity        varchar(20)   not null,
    audience            varchar(20)   not null,
    digest              varchar(20)   not null,
    active              boolean       not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    version             bigint        not null,
    check ((channel = 'WEBHOOK') = (url is not null)),
    check ((channel = 'WEBHOOK') = (secret is not null)),
    check ((channel = 'EMAIL') = (email is not null))
);
create index subscription_owner on subscription (owner_id, created_at, id);
create index subscription_project on subscription (project_id) where active;

-- The events that matched at least one subscription, as received: a delivery's body, and what a
-- replay sends again.
create table notification_event (
    event_id    varchar(200)  primary key,
    project_id  uuid,
    type        varchar(200)  not null,
    subject     varchar(200),
    severity    varchar(20)   not null,
    occurred_at timestamptz,
    received_at timestamptz   not null,
    envelope    jsonb         not null
);
create index notification_event_project on notification_event (project_id, received_at);

-- One delivery per (subscription, event) for the channels that send (WEBHOOK, EMAIL).
create table delivery (
    id               uuid          primary key,
    subscription_id  uuid          not null references subscription (id) on delete cascade,
    event_id         varchar(200)  not null references notification_event (event_id),
    project_id       uuid,
    event_type       varchar(200)  not null,
    status           varchar(20)   not null,
    -- attempts in the current round (a redelivery starts a new one); every attempt is logged
    attempts         integer       not null,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       varchar(2000),
    delivered_at     timestamptz,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    unique (subscription_id, event_id)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_subscription on delivery (subscription_id, created_at desc, id);

create table delivery_attempt (
    seq          bigint        generated always as identity primary key,
    delivery_id  uuid          not null references delivery (id) on delete cascade,
    attempted_at timestamptz   not null,
    status_code  integer,
    duration_ms  integer       not null,
    -- why it failed (timeout, refused connection, the status), null when delivered
    error        varchar(2000),
    -- the start of the receiver's answer, for the integrator's debugging
    response     varchar(1000)
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, seq);

-- The in-app inbox: one notification per user and event, however many subscriptions matched.
create table notification (
    id              uuid          primary key,
    user_id         varchar(200)  not null,
    subscription_id uuid          references subscription (id) on delete set null,
    event_id        varchar(200)  not null,
    project_id      uuid,
    event_type      varchar(200)  not null,
    severity        varchar(20)   not null,
    title           varchar(300)  not null,
    message         varchar(2000) not null,
    created_at      timestamptz   not null,
    read_at         timestamptz,
    unique (user_id, event_id)
);
create index notification_user on notification (user_id, created_at desc, id);
create index notification_unread on notification (user_id) where read_at is null;
