-- pgbench twin of POST /api/v1/projects: the statements the service sends for one create, in the
-- same transaction and order, as PostgreSQL logged them (log_statement=all; bench/run checks this
-- shape against the running service on every run and reports a mismatch):
--   project (a duplicate key is answered from the unique constraint, not looked up first), its
--   history entry, its created event; the creator as the project's OWNER stakeholder (not looked
--   up: the project is new), that history entry and the member-added event.
-- Run with -M prepared (the JDBC driver prepares statements it reuses) and -D i=0 -D prefix=XY
-- (a fresh 2-letter prefix per run; keys are <prefix><i*100+client_id>). JSON is built with
-- json_build_object because a colon before a letter or digit is a pgbench variable, even inside
-- a literal.
\set i :i + 1
\set k :i * 100 + :client_id
BEGIN;
insert into project (archived, archived_at, budget_amount, budget_currency, created_at, created_by,
                     description, held_phase, project_key, methodology, name, phase, start_date,
                     target_date, updated_at, version, id)
values (false, null, null, null, now(), 'bench', 'Created by bench/run', null,
        :prefix::text || :k::text, 'AGILE', 'Bench project ' || :prefix::text || :k::text,
        'INITIATION', date '2026-01-05', date '2026-09-30', now(), 0, gen_random_uuid())
returning id::text as pid, project_key as pkey \gset
insert into project_history (action, actor, after_state, before_state, changed_fields, entity_id,
                             entity_type, occurred_at, project_id, project_snapshot)
select 'PROJECT_CREATED', 'bench', v.state, null,
       'id,key,name,description,methodology,phase,startDate,targetDate,archived,createdBy,createdAt',
       v.pid::uuid, 'PROJECT', now(), v.pid::uuid, v.state
from (select :pid::text as pid,
             json_build_object('id', :pid::text, 'key', :pkey::text,
                               'name', 'Bench project ' || :pkey::text,
                               'description', 'Created by bench/run', 'methodology', 'AGILE',
                               'phase', 'INITIATION', 'heldPhase', null,
                               'startDate', '2026-01-05', 'targetDate', '2026-09-30',
                               'budget', null, 'archived', false, 'archivedAt', null,
                               'createdBy', 'bench', 'createdAt', now(), 'updatedAt', now(),
                               'version', 0)::text as state) v;
insert into outbox_event (attempts, created_at, event_id, event_key, event_type, last_error,
                          payload, topic)
select 0, now(), v.eid, v.pid, 'tollgate.project.created.v1', null,
       json_build_object('specversion', '1.0', 'id', v.eid, 'source', '/project-service',
                         'type', 'tollgate.project.created.v1', 'subject', v.pid, 'time', now(),
                         'datacontenttype', 'application/json',
                         'data', json_build_object('projectId', v.pid, 'key', v.k,
                                                   'name', 'Bench project ' || v.k,
                                                   'description', 'Created by bench/run',
                                                   'methodology', 'AGILE', 'phase', 'INITIATION',
                                                   'startDate', '2026-01-05',
                                                   'targetDate', '2026-09-30',
                                                   'archived', false, 'version', 0))::text,
       'project.events'
from (select gen_random_uuid() as eid, :pid::text as pid, :pkey::text as k) v;
insert into stakeholder (access_role, created_at, email, influence, interest, name, project_id,
                         role, updated_at, user_id, version, id)
values ('OWNER', now(), null, 5, 5, 'bench', :pid::uuid, 'PROJECT_MANAGER', now(), 'bench', 0,
        gen_random_uuid())
returning id::text as sid \gset
insert into project_history (action, actor, after_state, before_state, changed_fields, entity_id,
                             entity_type, occurred_at, project_id, project_snapshot)
select 'STAKEHOLDER_ADDED', 'bench',
       json_build_object('id', :sid::text, 'projectId', :pid::text, 'userId', 'bench',
                         'name', 'bench', 'email', null, 'role', 'PROJECT_MANAGER',
                         'influence', 5, 'interest', 5, 'quadrant', 'MANAGE_CLOSELY',
                         'accessRole', 'OWNER', 'createdAt', now(), 'updatedAt', now(),
                         'version', 0)::text,
       null, 'id,projectId,userId,name,role,influence,interest,quadrant,accessRole,createdAt',
       :sid::uuid, 'STAKEHOLDER', now(), :pid::uuid, null;
insert into outbox_event (attempts, created_at, event_id, event_key, event_type, last_error,
                          payload, topic)
select 0, now(), v.eid, v.pid, 'tollgate.project.member-added.v1', null,
       json_build_object('specversion', '1.0', 'id', v.eid, 'source', '/project-service',
                         'type', 'tollgate.project.member-added.v1', 'subject', v.pid,
                         'time', now(), 'datacontenttype', 'application/json',
                         'data', json_build_object('projectId', v.pid, 'key', v.k,
                                                   'name', 'Bench project ' || v.k,
                                                   'description', 'Created by bench/run',
                                                   'methodology', 'AGILE', 'phase', 'INITIATION',
                                                   'startDate', '2026-01-05',
                                                   'targetDate', '2026-09-30',
                                                   'archived', false, 'version', 0,
                                                   'stakeholderId', v.sid, 'userId', 'bench',
                                                   'memberName', 'bench',
                                                   'stakeholderRole', 'PROJECT_MANAGER',
                                                   'accessRole', 'OWNER'))::text,
       'project.events'
from (select gen_random_uuid() as eid, :pid::text as pid, :pkey::text as k, :sid::text as sid) v;
COMMIT;
