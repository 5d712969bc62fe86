-- Who may see which project, from tollgate.project.member-*.v1 events (project-directory module).
create table project_member (
    project_id   uuid         not null,
    user_id      varchar(200) not null,
    access_role  varchar(10)  not null,
    updated_at   timestamptz  not null,
    primary key (project_id, user_id)
);
create index project_member_user on project_member (user_id);
