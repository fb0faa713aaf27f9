-- Lookups every inbox event makes, found by the load harness's profile (issue 13).
-- Dispatch asks whether an event's decision is already in the ledger (a retry must not decide twice): by event and
-- purpose. Without this index each question scanned the whole ledger, so dispatch slowed as the ledger grew.
create index consent_ledger_event on consent_ledger (event_id, purpose);
-- Every Gecko event asks whether its customer is being erased.
create index erasure_case_gecko_customer on erasure_case (gecko_customer_id);
create index erasure_case_email_key on erasure_case (email_key);
