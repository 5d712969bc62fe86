-- The risk register of the projects the directory knows, and every assessment of each risk.
create table risk (
    id                   uuid           primary key,
    project_id           uuid           not null references project_ref (project_id),
    title                varchar(300)   not null,
    description          varchar(4000),
    category             varchar(40)    not null,
    probability          integer        not null check (probability between 1 and 5),
    impact               integer        not null check (impact between 1 and 5),
    score                integer        not null check (score between 1 and 25),
    level                varchar(20)    not null,
    owner                varchar(200),
    strategy             varchar(20),
    cost_impact          numeric(19, 4) check (cost_impact is null or cost_impact >= 0),
    schedule_impact_days integer        check (schedule_impact_days is null or schedule_impact_days >= 0),
    milestone_ids        uuid[]         not null,
    residual_probability integer        check (residual_probability between 1 and 5),
    residual_impact      integer        check (residual_impact between 1 and 5),
    status               varchar(20)    not null,
    closed_reason        varchar(2000),
    last_assessed_at     timestamptz    not null,
    created_at           timestamptz    not null,
    updated_at           timestamptz    not null,
    version              bigint         not null,
    check ((residual_probability is null) = (residual_impact is null))
);
create index risk_project on risk (project_id, score desc, title, id);

-- One row per assessment of a risk (its identification first), ordered by seq.
create table risk_assessment (
    seq                  bigint         generated always as identity primary key,
    risk_id              uuid           not null references risk (id) on delete cascade,
    project_id           uuid           not null,
    probability          integer        not null,
    impact               integer        not null,
    score                integer        not null,
    level                varchar(20)    not null,
    residual_probability integer,
    residual_impact      integer,
    residual_score       integer,
    residual_level       varchar(20),
    assessed_at          timestamptz    not null,
    assessed_by          varchar(200)   not null,
    api_key_id           uuid,
    reason               varchar(2000)  not null
);
create index risk_assessment_risk on risk_assessment (risk_id, seq);
