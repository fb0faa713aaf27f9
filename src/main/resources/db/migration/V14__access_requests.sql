-- Access requests (GDPR Art. 15): one case per request, one task per system, under erasure's one-month clock. The
-- report (personal data) is kept encrypted until it expires (hub.access.retention), then only the case's record stays.
create table access_case (
    id                varchar(36)  not null primary key,
    -- the hub's subject, when it knows the person
    subject_id        varchar(36),
    requested_by      varchar(100) not null,
    requested_at      timestamp with time zone not null,
    deadline          timestamp with time zone not null,
    status            varchar(16)  not null,
    completed_at      timestamp with time zone,
    -- why a case is PARTIAL: the hub's own words, never a value
    reason            varchar(1000),
    -- whom the tasks look up; wiped once the report is made
    gecko_customer_id varchar(32),
    key_id            varchar(64),
    email             bytea,
    -- the report as JSON, encrypted; deleted when it expires
    report_key_id     varchar(64),
    report            bytea,
    expires_at        timestamp with time zone,
    purged_at         timestamp with time zone,
    last_warned_at    timestamp with time zone
);

create index access_case_status on access_case (status, deadline);
create index access_case_expiry on access_case (expires_at);

create table access_task (
    id              varchar(36)  not null primary key,
    case_id         varchar(36)  not null references access_case (id),
    target          varchar(32)  not null,
    status          varchar(16)  not null,
    attempts        integer      default 0 not null,
    next_attempt_at timestamp with time zone not null,
    lease_until     timestamp with time zone,
    outcome         varchar(500),
    -- the system's section of the report, encrypted; moved into the report when the case is complete
    key_id          varchar(64),
    section         bytea,
    updated_at      timestamp with time zone not null,
    done_at         timestamp with time zone
);

create index access_task_due on access_task (status, next_attempt_at);
create index access_task_case on access_task (case_id);
