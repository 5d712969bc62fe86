-- Every baseline a milestone had (the first one written with the milestone), and one history row
-- per change of a milestone.
create table milestone_baseline (
    seq          bigint         generated always as identity primary key,
    milestone_id uuid           not null references milestone (id) on delete cascade,
    planned_date date           not null,
    reason       varchar(2000)  not null,
    taken_at     timestamptz    not null,
    taken_by     varchar(200)   not null,
    api_key_id   uuid
);
create index milestone_baseline_milestone on milestone_baseline (milestone_id, seq);

-- No foreign key to milestone: the history of a milestone outlives its deletion.
create table milestone_history (
    seq          bigint         generated always as identity primary key,
    milestone_id uuid           not null,
    project_id   uuid           not null,
    action       varchar(40)    not null,
    actor        varchar(200)   not null,
    api_key_id   uuid,
    occurred_at  timestamptz    not null,
    reason       varchar(2000),
    before       jsonb,
    after        jsonb
);
create index milestone_history_milestone on milestone_history (milestone_id, seq);
