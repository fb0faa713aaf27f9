-- Signatures of signed webhook deliveries already accepted, so a replay inside the time window is refused.
-- A signature is no secret once sent. The primary key decides a race: of two concurrent equal deliveries, the
-- second insert fails and that delivery is refused.
create table seen_webhook_signature (
    signature  varchar(64)  not null primary key,
    seen_at    timestamp with time zone not null,
    -- when the signed timestamp leaves the window: from then on the window check alone refuses the delivery,
    -- so the row can go (a timestamp ahead of the clock stays valid for longer than the window after it is seen)
    expires_at timestamp with time zone not null
);

create index seen_webhook_signature_expiry on seen_webhook_signature (expires_at);
