-- Finish-to-start dependencies between milestones of one project (a DAG: cycles are refused by
-- the service before they are written).
create table milestone_dependency (
    predecessor_id uuid    not null references milestone (id) on delete cascade,
    successor_id   uuid    not null references milestone (id) on delete cascade,
    project_id     uuid    not null,
    lag_days       integer not null check (lag_days >= 0),
    primary key (predecessor_id, successor_id),
    check (predecessor_id <> successor_id)
);
create index milestone_dependency_successor on milestone_dependency (successor_id);
create index milestone_dependency_project on milestone_dependency (project_id);
