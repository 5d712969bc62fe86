-- The outbox relay's own transaction for the two events of one create: claim the oldest waiting
-- rows (FOR UPDATE SKIP LOCKED, as the relay does), mark them published. bench/run appends this to
-- create.sql for the informative "create + relay" figure: all the database work one create costs.
BEGIN;
select seq, topic, event_key, payload, event_id from outbox_event where published_at is null
order by seq limit 2 for update skip locked;
-- (the relay sends the claimed rows, waits for acks=all, then marks them in one statement)
update outbox_event set published_at = now(), attempts = attempts + 1
where seq in (select seq from outbox_event where published_at is null order by seq limit 2
              for update skip locked);
COMMIT;
