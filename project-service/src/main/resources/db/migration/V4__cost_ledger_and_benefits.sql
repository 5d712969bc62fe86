-- The cost ledger and expected benefits: money is numeric, never floating point; every amount of
-- a project is in one currency (the budget's), which the service checks.
create table cost_entry (
    id          uuid           primary key,
    project_id  uuid           not null references project (id),
    entry_date  date           not null,
    amount      numeric(19, 4) not null check (amount > 0),
    currency    varchar(3)     not null,
    category    varchar(20)    not null,
    note        varchar(1000),
    created_by  varchar(200)   not null,
    created_at  timestamptz    not null,
    version     bigint         not null
);
create index cost_entry_project on cost_entry (project_id, entry_date);

create table benefit (
    id          uuid           primary key,
    project_id  uuid           not null references project (id),
    description varchar(500)   not null,
    amount      numeric(19, 4) not null check (amount > 0),
    currency    varchar(3)     not null,
    recurrence  varchar(20)    not null,
    start_date  date           not null,
    end_date    date,
    created_by  varchar(200)   not null,
    created_at  timestamptz    not null,
    version     bigint         not null,
    constraint benefit_dates_in_order check (end_date is null or end_date >= start_date)
);
create index benefit_project on benefit (project_id);
