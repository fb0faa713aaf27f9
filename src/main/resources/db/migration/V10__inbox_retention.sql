-- A subject's earlier Mailchimp addresses (upemail), as the inbox's keyed subject hash: an erasure purges the events
-- filed under them too. The address itself is not kept.
create table subject_earlier_inbox_key (
    subject_id        varchar(36) not null,
    inbox_subject_key varchar(64) not null,
    primary key (subject_id, inbox_subject_key)
);

-- The inbox retention purge looks for finished events by when they finished.
create index inbox_event_processed on inbox_event (status, processed_at);
