-- Seeds :rows projects for the read benchmarks (psql -v rows=N). Their ids are md5(n)::uuid, so
-- that wrk, the load generator and pgbench all pick from the same rows without sharing state.
-- Keys are 'S<n>'; the write benchmarks use other prefixes.
insert into project (id, project_key, name, description, methodology, phase, start_date,
                     target_date, archived, archived_at, created_at, updated_at, version)
select md5(g::text)::uuid, 'S' || g, 'Seeded project ' || g,
       'Seeded by bench/run for the read benchmarks', 'AGILE', 'EXECUTION',
       date '2026-01-05', date '2026-09-30', false, null, now(), now(), 0
from generate_series(1, :rows) g
on conflict do nothing;
analyze project;
