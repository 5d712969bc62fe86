-- Shared migrations take versions 0.x, unique across eventing (0.1, 0.5), rest (0.2, 0.6) and
-- directory (0.3, 0.4), since a service applies several of these folders together.
-- Idempotency keys are scoped to the caller as well as the operation: another caller sending the
-- same key (a poor key generator, or a guess) must neither replay someone else's response nor
-- have its own create silently skipped. Keys kept so far belonged to no recorded caller.
alter table idempotency_record add column caller text not null default '';
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (scope, caller, idem_key);
