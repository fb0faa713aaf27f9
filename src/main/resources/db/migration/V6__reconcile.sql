-- One row per reconcile run: what it read, what it wrote, and the drift it found (JSON, counts per kind).
create table reconcile_run (
    id             varchar(36)   not null primary key,
    mode           varchar(16)   not null,
    trigger_source varchar(16)   not null,
    status         varchar(16)   not null,
    started_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    pages_read     integer       not null default 0,
    customers_seen integer       not null default 0,
    members_read   integer       not null default 0,
    changes        integer       not null default 0,
    writes         integer       not null default 0,
    batch_writes   integer       not null default 0,
    write_errors   integer       not null default 0,
    drift          varchar(4000),
    error          varchar(1000)
);

create index reconcile_run_started on reconcile_run (started_at);

-- A keyed hash of the Gecko fields that matter (id, e-mail, first name, newsletter flag, tag names) per customer:
-- an unchanged hash means no work. Nothing else about the customer is kept here.
create table customer_fingerprint (
    gecko_customer_id varchar(32) not null primary key,
    fingerprint       varchar(64) not null,
    last_seen_run     varchar(36) not null,
    last_seen_at      timestamp with time zone not null,
    -- set by the first full scan that did not see the customer; erasure picks it up from here
    missing_since     timestamp with time zone
);

create index customer_fingerprint_run on customer_fingerprint (last_seen_run);

-- Where the next incremental read of a source starts (Mailchimp: the newest last_changed seen).
create table reconcile_watermark (
    source     varchar(32) not null primary key,
    mark       timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

-- One run at a time across all nodes: a run holds this row until it ends or its lease runs out.
create table reconcile_lock (
    id         integer     not null primary key,
    run_id     varchar(36),
    held_until timestamp with time zone
);

insert into reconcile_lock (id) values (1);
