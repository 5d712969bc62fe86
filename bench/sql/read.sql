-- pgbench twin of GET /api/v1/projects/{id}: Hibernate's primary-key select (autocommit, as the
-- service runs it) on a random one of the :rows seeded projects (-D rows=N).
\set n random(1, :rows)
select p1_0.id, p1_0.archived, p1_0.archived_at, p1_0.created_at, p1_0.description,
       p1_0.project_key, p1_0.methodology, p1_0.name, p1_0.phase, p1_0.start_date,
       p1_0.target_date, p1_0.updated_at, p1_0.version
from project p1_0 where p1_0.id = md5(:n::text)::uuid;
