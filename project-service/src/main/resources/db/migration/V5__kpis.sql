-- KPIs per project, with a target and a direction, and their measurements over time.
create table kpi (
    id          uuid           primary key,
    project_id  uuid           not null references project (id),
    name        varchar(200)   not null,
    unit        varchar(50)    not null,
    target      numeric(24, 6) not null,
    direction   varchar(20)    not null,
    description varchar(1000),
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null,
    version     bigint         not null
);
create unique index kpi_name_unique on kpi (project_id, lower(name));

create table kpi_measurement (
    id          uuid           primary key,
    kpi_id      uuid           not null references kpi (id) on delete cascade,
    project_id  uuid           not null references project (id),
    measured_on date           not null,
    value       numeric(24, 6) not null,
    note        varchar(1000),
    recorded_by varchar(200)   not null,
    recorded_at timestamptz    not null
);
create index kpi_measurement_kpi on kpi_measurement (kpi_id, measured_on, recorded_at);
