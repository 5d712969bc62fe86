-- The outbox relay's own transaction for the two events of one create: take the round's advisory
-- lock (one relay round per service at a time, ADR 0017), claim the oldest waiting rows (FOR
-- UPDATE, as the relay does) and delete them in one statement, reading the primary key's index
-- (not the heap of deleted rows); the relay commits once the broker acknowledged them, without
-- waiting for the WAL flush. bench/run appends this to create.sql for the informative
-- "create + relay" figure: all the database work one create costs.
BEGIN;
select pg_try_advisory_xact_lock(122550254464888),
       set_config('synchronous_commit', 'off', true), set_config('enable_seqscan', 'off', true),
       set_config('idle_in_transaction_session_timeout', '15000', true);
delete from outbox_event where seq in (select seq from outbox_event order by seq limit 2
                                       for update)
returning seq, topic, event_key, payload, event_id, event_type, cast(created_at as text), attempts;
-- (the relay sends the rows, waits for acks=all, then commits)
COMMIT;
