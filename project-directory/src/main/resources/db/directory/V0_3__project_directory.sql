-- Shared by milestone-, risk- and notification-service (project-directory module):
-- what this service knows of projects, built from project.events.
create table project_ref (
    project_id     uuid         primary key,
    project_key    varchar(10)  not null,
    name           varchar(200) not null,
    phase          varchar(20)  not null,
    archived       boolean      not null,
    version        bigint       not null,
    events_applied integer      not null,
    updated_at     timestamptz  not null
);
