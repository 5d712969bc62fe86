-- What milestone-service knows of the risks risk-service owns, kept from risk.events for the
-- risk-adjusted forecast (ADR 0027): only what the simulation needs, the newest version of each.
create table risk_ref (
    risk_id              uuid         primary key,
    project_id           uuid         not null,
    probability          integer      not null check (probability between 1 and 5),
    status               varchar(20)  not null,
    schedule_impact_days integer      check (schedule_impact_days is null or schedule_impact_days >= 0),
    milestone_ids        uuid[]       not null,
    version              bigint       not null,
    updated_at           timestamptz  not null
);
create index risk_ref_project on risk_ref (project_id);
