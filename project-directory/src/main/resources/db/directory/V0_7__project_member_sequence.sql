-- Membership events can arrive out of order (before ADR 0017, two relays of project-service
-- publishing one project's events at once), so the directory keeps, per (project, user), the
-- sequence of the last event it applied (project-service's history sequence, carried by every
-- tollgate.project.member-*.v1 event) and ignores an event that is not newer. A removal has to keep
-- its sequence too: it now leaves the row as a tombstone without access_role instead of deleting
-- it, so that a late member-added cannot give the access back. Rows from before start at 0.
alter table project_member add column last_sequence bigint not null default 0;
alter table project_member alter column access_role drop not null;
