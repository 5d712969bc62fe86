-- Stakeholders: who they are, their role and standing (influence/interest grid), and their access
-- to the project. Membership changes are published as tollgate.project.member-*.v1 events.
create table stakeholder (
    id          uuid         primary key,
    project_id  uuid         not null references project (id),
    user_id     varchar(200) not null,
    name        varchar(200) not null,
    email       varchar(320),
    role        varchar(30)  not null,
    influence   integer      not null check (influence between 1 and 5),
    interest    integer      not null check (interest between 1 and 5),
    access_role varchar(10)  not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null,
    constraint stakeholder_user_unique unique (project_id, user_id)
);
create index stakeholder_user on stakeholder (user_id);

-- projects created before stakeholders existed get their creator, where known, as OWNER
insert into stakeholder (id, project_id, user_id, name, role, influence, interest, access_role,
                         created_at, updated_at, version)
select gen_random_uuid(), p.id, p.created_by, p.created_by, 'PROJECT_MANAGER', 5, 5, 'OWNER',
       p.created_at, p.created_at, 0
from project p
where p.created_by is not null;
