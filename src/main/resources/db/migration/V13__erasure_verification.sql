-- Verify before destroy: a case no operator asked for waits (VERIFYING) until Gecko's REST API confirms it, then
-- starts its tasks, unless the brake on automatic erasure holds it for an operator (AWAITING_APPROVAL). A case
-- Gecko contradicts is closed as REJECTED.
alter table erasure_case alter column status set data type varchar(24);
-- when the next check is due, and the node holding the current one
alter table erasure_case add column verify_at timestamp with time zone;
alter table erasure_case add column verify_lease_until timestamp with time zone;
alter table erasure_case add column verify_attempts integer default 0 not null;
-- why the case waits, what confirmed it, or why it was rejected: the hub's own words, never a value
alter table erasure_case add column verification varchar(500);
-- when its tasks started; automatic cases started in the last hour count against hub.erasure.auto-approve-limit
alter table erasure_case add column released_at timestamp with time zone;
alter table erasure_case add column approved_by varchar(100);

create index erasure_case_verify on erasure_case (status, verify_at);
create index erasure_case_released on erasure_case (released_at);

-- cases opened before verification existed have their tasks already
update erasure_case set released_at = requested_at;
