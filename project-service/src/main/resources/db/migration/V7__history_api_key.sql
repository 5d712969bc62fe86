-- The audit tells an integrator's change from its owner's own: the API key a change came with
-- (the gateway's api_key_id claim), null for a user's own token.
alter table project_history add column api_key_id uuid;
