create table project (
    id           uuid         primary key,
    project_key  varchar(10)  not null,
    name         varchar(200) not null,
    description  varchar(4000),
    methodology  varchar(20)  not null,
    phase        varchar(20)  not null,
    start_date   date,
    target_date  date,
    archived     boolean      not null default false,
    archived_at  timestamptz,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    version      bigint       not null,
    constraint project_key_unique unique (project_key),
    constraint project_dates_in_order check (target_date is null or start_date is null or target_date >= start_date)
);
create index project_phase on project (phase);
