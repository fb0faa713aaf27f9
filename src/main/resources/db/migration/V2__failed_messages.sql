-- What exhausted its retries or failed terminally: kept (payload encrypted) for admins to inspect and replay.
create table failed_message (
    id              varchar(36)  not null primary key,
    inbox_event_id  varchar(36),
    flow            varchar(100) not null,
    failed_step     varchar(200),
    target          varchar(32)  not null,
    error_type      varchar(64)  not null,
    message_type    varchar(64)  not null,
    group_key       varchar(200) not null,
    masked_message  varchar(1000) not null,
    attempts        integer      not null,
    first_failed_at timestamp with time zone not null,
    last_failed_at  timestamp with time zone not null,
    key_id          varchar(64)  not null,
    payload         bytea        not null,
    status          varchar(16)  not null
);

create index failed_message_group on failed_message (group_key, status);
create index failed_message_status on failed_message (status, last_failed_at);
