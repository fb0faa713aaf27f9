-- Failed messages: when the status last changed (retention counts from it), and a lookup by inbox event, so a
-- replayed event that fails again updates its row instead of adding a second one.
alter table failed_message add column status_changed_at timestamp with time zone;
update failed_message set status_changed_at = last_failed_at;
alter table failed_message alter column status_changed_at set not null;
create index failed_message_inbox_event on failed_message (inbox_event_id);
create index failed_message_retention on failed_message (status, status_changed_at);

-- One replay started by an admin: what it covers, its pace, and its progress. A node runs it under a lease, so a
-- run whose node stopped is taken over (from its first message not yet replayed).
create table replay_run (
    id              varchar(36)  not null primary key,
    selection       varchar(300) not null,
    rate_per_second double precision not null,
    actor           varchar(100) not null,
    status          varchar(16)  not null,
    total           integer      not null,
    replayed        integer      not null default 0,
    succeeded       integer      not null default 0,
    failed_again    integer      not null default 0,
    skipped         integer      not null default 0,
    started_at      timestamp with time zone not null,
    finished_at     timestamp with time zone,
    lease_owner     varchar(100),
    lease_until     timestamp with time zone
);

create index replay_run_started on replay_run (started_at);
create index replay_run_status on replay_run (status, lease_until);

-- The messages of a run, in order, and what became of each (null until replayed).
create table replay_run_item (
    run_id            varchar(36) not null,
    position          integer     not null,
    failed_message_id varchar(36) not null,
    outcome           varchar(16),
    primary key (run_id, position)
);
