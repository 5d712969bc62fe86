-- The outbox relay's own transaction for the two events of one create: claim the oldest waiting
-- rows (FOR UPDATE SKIP LOCKED, as the relay does), mark them published. bench/run appends this to
-- create.sql for the informative "create + relay" figure: all the database work one create costs.
BEGIN;
select * from outbox_event where published_at is null order by seq limit 2 for update skip locked;
update outbox_event set attempts = attempts + 1, published_at = now()
where seq in (select seq from outbox_event where published_at is null order by seq limit 2
              for update skip locked);
COMMIT;
