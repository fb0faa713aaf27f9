-- Erasure: one case per data subject, one task per target system, each with its own status and receipt.
create table erasure_case (
    id                varchar(36)  not null primary key,
    subject_id        varchar(36)  not null,
    -- pseudonymous reference shown on receipts: a keyed hash, never an identifier of the person
    subject_ref       varchar(64)  not null,
    trigger_source    varchar(32)  not null,
    reason            varchar(40)  not null,
    requested_by      varchar(100) not null,
    requested_at      timestamp with time zone not null,
    deadline          timestamp with time zone not null,
    status            varchar(16)  not null,
    completed_at      timestamp with time zone,
    -- what the open tasks need to find the person elsewhere; wiped when the case no longer needs it
    gecko_customer_id varchar(32),
    -- keyed hash of the Gecko customer id, kept after completion: a customer Gecko still lists with the erasure tag
    -- is not erased again and again
    gecko_key         varchar(64),
    -- keyed hash of the address, so a second request for the same person finds the open case
    email_key         varchar(64),
    key_id            varchar(64),
    email             bytea,
    last_warned_at    timestamp with time zone
);

create index erasure_case_status on erasure_case (status, deadline);
create index erasure_case_subject on erasure_case (subject_id, status);
create index erasure_case_gecko_key on erasure_case (gecko_key);

create table erasure_task (
    id              varchar(36)  not null primary key,
    case_id         varchar(36)  not null references erasure_case (id),
    target          varchar(32)  not null,
    -- which part of the target: a GA property and identifier kind, for example
    scope           varchar(100) not null,
    status          varchar(16)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamp with time zone not null,
    lease_until     timestamp with time zone,
    external_ref    varchar(200),
    outcome         varchar(500),
    updated_at      timestamp with time zone not null,
    done_at         timestamp with time zone
);

create index erasure_task_due on erasure_task (status, next_attempt_at);
create index erasure_task_case on erasure_task (case_id);

-- Erased addresses, as a keyed hash of the normalized address: never re-imported without a new explicit grant.
create table suppression (
    email_key     varchar(64) not null primary key,
    case_id       varchar(36) not null,
    suppressed_at timestamp with time zone not null
);

-- GA user deletions sent per property and quota day (Google's day): at most hub.analytics.daily-quota.
create table analytics_quota (
    property_id varchar(40) not null,
    quota_day   date        not null,
    used        integer     not null,
    primary key (property_id, quota_day)
);

-- What retention needs to know of a subject: when the relationship ended (last booking) and whether a hold applies.
alter table subject add column last_booking_on date;
alter table subject add column retention_hold boolean default false not null;
alter table subject add column erased_at timestamp with time zone;
