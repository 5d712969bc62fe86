-- The relay now deletes a row in the transaction that publishes it (ADR 0012): the outbox holds
-- only events still waiting, and a row is written once and deleted once, never updated. An update
-- could not be HOT (published_at was in the pending index's predicate), so every mark added index
-- entries and a dead row version that autovacuum had to find in a table of a week's events.

delete from outbox_event where published_at is not null;
drop index outbox_event_pending;
alter table outbox_event drop column published_at;
