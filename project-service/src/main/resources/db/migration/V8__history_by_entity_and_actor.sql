-- A project's history narrowed to one entity or one person (GET .../history?entityId=, ?actor=)
-- reads these instead of the whole of the project's history.
create index project_history_entity on project_history (project_id, entity_id, seq);
create index project_history_actor on project_history (project_id, actor, seq);
