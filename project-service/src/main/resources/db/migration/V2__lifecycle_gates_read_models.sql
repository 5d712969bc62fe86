-- Lifecycle: ON_HOLD / CANCELLED (and the phase to resume into), the budget the planning gate
-- needs, who created the project; phase transitions; gate rules as data; the read models of
-- milestones and risks built from milestone.events and risk.events; the project history.

alter table project add column budget_amount   numeric(19, 4);
alter table project add column budget_currency varchar(3);
alter table project add column held_phase      varchar(20);
alter table project add column created_by      varchar(200);
alter table project add constraint project_budget_complete
    check ((budget_amount is null) = (budget_currency is null));
alter table project add constraint project_budget_positive
    check (budget_amount is null or budget_amount > 0);

create table phase_transition (
    id                     uuid          primary key,
    project_id             uuid          not null references project (id),
    from_phase             varchar(20)   not null,
    to_phase               varchar(20)   not null,
    kind                   varchar(20)   not null,
    reason                 varchar(2000) not null,
    override_justification varchar(2000),
    overridden_criteria    text,
    actor                  varchar(200)  not null,
    occurred_at            timestamptz   not null,
    project_version        bigint        not null
);
create index phase_transition_project on phase_transition (project_id, occurred_at);

-- What each gate checks, per methodology. A PMO reads them at /api/v1/portfolio/gate-rules.
create table gate_rule (
    id          varchar(80)  primary key,
    methodology varchar(20)  not null,
    boundary    varchar(10)  not null,
    phase       varchar(20)  not null,
    criterion   varchar(40)  not null,
    parameter   varchar(200),
    description varchar(500) not null,
    position    integer      not null
);

insert into gate_rule (id, methodology, boundary, phase, criterion, parameter, description, position)
select lower(m.name) || '.' || r.id, m.name, r.boundary, r.phase, r.criterion, r.parameter, r.description, r.position
from (values ('AGILE'), ('WATERFALL'), ('HYBRID')) as m (name)
cross join (values
    ('leave-planning.milestone', 'EXIT', 'PLANNING', 'MILESTONE_PLANNED', null,
     'The project has at least one milestone', 1),
    ('leave-planning.budget', 'EXIT', 'PLANNING', 'BUDGET_SET', null,
     'The project has a budget', 2),
    ('enter-deployment.audits', 'ENTRY', 'DEPLOYMENT', 'MILESTONES_COMPLETED', 'SECURITY_AUDIT,USER_ACCEPTANCE_TESTING',
     'Every security audit and user acceptance testing milestone is completed', 3),
    ('enter-deployment.risks', 'ENTRY', 'DEPLOYMENT', 'NO_OPEN_RISK', 'CRITICAL',
     'No open risk is rated CRITICAL', 4),
    ('enter-closed.milestones', 'ENTRY', 'CLOSED', 'NO_OPEN_MILESTONE', null,
     'No milestone is still open', 5)
) as r (id, boundary, phase, criterion, parameter, description, position);

-- Milestones as milestone-service publishes them (tollgate.milestone.*.v1); never written by the API.
create table milestone_ref (
    milestone_id  uuid         primary key,
    project_id    uuid         not null,
    name          varchar(200),
    kind          varchar(40)  not null,
    status        varchar(20)  not null,
    planned_date  date,
    buffer_days   integer,
    forecast_date date,
    actual_date   date,
    zone          varchar(20),
    planned_value numeric(19, 4),
    deleted       boolean      not null,
    version       bigint       not null,
    updated_at    timestamptz  not null
);
create index milestone_ref_project on milestone_ref (project_id);

-- Risks as risk-service publishes them (tollgate.risk.*.v1); never written by the API.
create table risk_ref (
    risk_id    uuid         primary key,
    project_id uuid         not null,
    title      varchar(300),
    category   varchar(30),
    level      varchar(20)  not null,
    score      integer,
    status     varchar(20)  not null,
    version    bigint       not null,
    updated_at timestamptz  not null
);
create index risk_ref_project on risk_ref (project_id);

-- Every change to a project and what belongs to it: who, when, what (before/after). Rows that
-- changed the project itself carry its snapshot, which answers point-in-time (asOf) reads.
create table project_history (
    seq              bigint generated always as identity primary key,
    project_id       uuid          not null references project (id),
    occurred_at      timestamptz   not null,
    actor            varchar(200)  not null,
    action           varchar(40)   not null,
    entity_type      varchar(30)   not null,
    entity_id        varchar(100)  not null,
    changed_fields   varchar(2000),
    before_state     text,
    after_state      text,
    project_snapshot text
);
create index project_history_project on project_history (project_id, seq);
create index project_history_snapshot on project_history (project_id, occurred_at)
    where project_snapshot is not null;

-- projects created before the history existed start it with their state as of now
insert into project_history (project_id, occurred_at, actor, action, entity_type, entity_id, after_state, project_snapshot)
select p.id, p.updated_at, 'system', 'HISTORY_STARTED', 'PROJECT', p.id::text, s.snapshot, s.snapshot
from project p
cross join lateral (
    select json_build_object(
        'id', p.id, 'key', p.project_key, 'name', p.name, 'description', p.description,
        'methodology', p.methodology, 'phase', p.phase, 'startDate', p.start_date,
        'targetDate', p.target_date, 'archived', p.archived, 'archivedAt', p.archived_at,
        'createdAt', p.created_at, 'updatedAt', p.updated_at, 'version', p.version)::text as snapshot
) s;
