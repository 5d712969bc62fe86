-- The trace context of the write that stored an event, as the W3C headers the relay puts on its
-- Kafka record, so that its consumers continue that trace (ADR 0023). Null while tracing is off.
-- V0.8, not V0.6: rest-conventions' V0_6 shares each service's version sequence (ADR 0012).
-- Nullable and without a default, so adding them rewrites nothing.

alter table outbox_event
    add column traceparent text,
    add column tracestate  text;
