-- The fever chart's history (ADR 0029): one point per project and UTC day, written in the
-- transaction of every change that can move it; the day's latest value wins. A day without a change
-- has no point (the chart draws steps).
create table fever_point (
    project_id               uuid          not null,
    on_day                   date          not null,
    completion_percent       numeric(5, 2) not null check (completion_percent between 0 and 100),
    consumption_percent      numeric(16, 2) not null check (consumption_percent >= 0),
    zone                     varchar(10)   not null check (zone in ('GREEN', 'YELLOW', 'RED')),
    project_end_milestone_id uuid          not null,
    recorded_at              timestamptz   not null,
    primary key (project_id, on_day)
);
