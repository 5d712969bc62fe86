-- Milestones of the projects the directory knows, their baselines and their history.
create table milestone (
    id                uuid           primary key,
    project_id        uuid           not null references project_ref (project_id),
    name              varchar(200)   not null,
    description       varchar(2000),
    kind              varchar(40)    not null,
    planned_date      date           not null,
    buffer_days       integer        not null check (buffer_days >= 0),
    own_forecast_date date           not null,
    forecast_date     date           not null,
    actual_date       date,
    started           boolean        not null,
    planned_value     numeric(19, 4) check (planned_value is null or planned_value >= 0),
    created_at        timestamptz    not null,
    updated_at        timestamptz    not null,
    version           bigint         not null
);
create index milestone_project on milestone (project_id, planned_date, name, id);
