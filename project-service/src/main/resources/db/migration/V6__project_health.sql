-- The health rating last announced per project (tollgate.project.health-changed.v1 is published
-- when a re-evaluation gives another rating), with the reasons behind it.
create table project_health (
    project_id   uuid         primary key references project (id),
    rating       varchar(10)  not null,
    reasons      text         not null,
    evaluated_at timestamptz  not null,
    changed_at   timestamptz  not null
);
