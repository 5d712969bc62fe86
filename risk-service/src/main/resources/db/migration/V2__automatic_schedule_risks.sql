-- SCHEDULE risks a milestone raises when it eats its buffer (ADR 0028).

-- The milestone that raised a risk automatically; null for a risk a person registered.
alter table risk add column raised_by_milestone_id uuid;
create index risk_raised_by_milestone on risk (raised_by_milestone_id)
    where raised_by_milestone_id is not null;

-- What risk-service knows of each milestone from milestone.events: its newest version, and the
-- automatic risk following it with how bad the milestone was when that risk was last assessed.
create table milestone_ref (
    milestone_id   uuid         primary key,
    project_id     uuid         not null,
    name           varchar(200) not null,
    status         varchar(20)  not null,
    zone           varchar(20),
    deleted        boolean      not null,
    version        bigint       not null,
    -- the automatic risk raised last for it (open, or closed by a person or on recovery)
    risk_id        uuid         references risk (id),
    -- that risk's version after the last change made automatically; null once a person changed it
    risk_version   bigint,
    -- the days beyond planned date + buffer, and LATE, the risk was last raised or escalated for;
    -- null while the milestone is within its buffer
    marked_overrun integer,
    marked_late    boolean      not null,
    updated_at     timestamptz  not null
);
